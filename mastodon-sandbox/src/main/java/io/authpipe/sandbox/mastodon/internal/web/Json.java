package io.authpipe.sandbox.mastodon.internal.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;

/** JSON in and out, always {@code application/json; charset=utf-8} like Rails. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** Writes {@code body} with {@code status}. */
    public static void send(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(write(body));
    }

    /** Writes Mastodon's error shape {@code {"error": message}}. */
    public static void error(Context ctx, int status, String message) {
        send(ctx, status, Map.of("error", message));
    }

    /** Serialises {@code body}. */
    public static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise response body", e);
        }
    }

    /** A parsed JSON value as plain Java (maps, lists, strings, numbers, booleans, null). */
    public static Object plain(JsonNode node) {
        return MAPPER.convertValue(node, Object.class);
    }

    /** Parses a request body leniently: unparsable or empty bodies give {@code null}. */
    public static JsonNode readTree(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
