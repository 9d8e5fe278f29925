package io.authpipe.sandbox.mastodon.internal.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request parameters merged the Rails way ({@code MASTODON.md} §1): query string, then form body, then JSON body,
 * later sources winning. A value is either a string or, for {@code name[]=…} or a JSON array, a list of strings.
 * Strong params drop a list where a string is expected, so {@link #string} returns {@code null} for lists.
 */
public final class Params {

    private final Map<String, Object> values = new LinkedHashMap<>();

    private Params() {
    }

    /** Reads and merges all parameter sources of the request. */
    public static Params of(Context ctx) {
        Params params = new Params();
        params.addPairs(ctx.queryParamMap());
        if (ctx.isFormUrlencoded() || ctx.isMultipartFormData()) {
            params.addPairs(ctx.formParamMap());
        } else if (ctx.isJson()) {
            params.addJson(Json.readTree(ctx.body()));
        }
        return params;
    }

    /** The value as a string; {@code null} if absent or a list. */
    public String string(String name) {
        return values.get(name) instanceof String value ? value : null;
    }

    /** Whether the value is a list ({@code name[]=} or a JSON array). */
    public boolean isList(String name) {
        return values.get(name) instanceof List<?>;
    }

    /** The list value, or an empty list. */
    @SuppressWarnings("unchecked")
    public List<String> list(String name) {
        return values.get(name) instanceof List<?> list ? (List<String>) list : List.of();
    }

    /** Whether the parameter was sent at all. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    private void addPairs(Map<String, List<String>> pairs) {
        pairs.forEach((name, list) -> {
            if (name.endsWith("[]")) {
                values.put(name.substring(0, name.length() - 2), List.copyOf(list));
            } else if (!list.isEmpty()) {
                values.put(name, list.get(list.size() - 1));
            }
        });
    }

    private void addJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            return;
        }
        body.fields().forEachRemaining(field -> {
            JsonNode node = field.getValue();
            if (node.isArray()) {
                List<String> items = new ArrayList<>();
                node.forEach(item -> items.add(item.asText()));
                values.put(field.getKey(), items);
            } else if (node.isValueNode() && !node.isNull()) {
                values.put(field.getKey(), node.asText());
            }
        });
    }
}
