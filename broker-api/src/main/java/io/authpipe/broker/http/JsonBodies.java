package io.authpipe.broker.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authpipe.broker.api.ApiProblem;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads JSON request bodies field by field, answering 400 with the exact field and problem. */
final class JsonBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonBodies() {
    }

    static JsonNode object(Context ctx) {
        String contentType = Optional.ofNullable(ctx.contentType()).orElse("");
        if (!contentType.startsWith("application/json")) {
            throw ApiProblem.of(415, "unsupported_media_type", "send the body as application/json").toException();
        }
        try {
            JsonNode node = JSON.readTree(ctx.body());
            if (node == null || !node.isObject()) {
                throw ApiProblem.badRequest("invalid_json", "the body must be a JSON object").toException();
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("invalid_json", "the body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")").toException();
        }
    }

    static String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw ApiProblem.badRequest("missing_field", "\"" + field + "\" is required").toException();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ApiProblem.badRequest("invalid_field", "\"" + field + "\" must be a non-empty string").toException();
        }
        return value.asText();
    }

    static List<String> requiredStrings(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw ApiProblem.badRequest("missing_field", "\"" + field + "\" is required").toException();
        }
        if (!value.isArray()) {
            throw ApiProblem.badRequest("invalid_field", "\"" + field + "\" must be an array of strings").toException();
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ApiProblem.badRequest("invalid_field", "\"" + field + "\" must contain only strings").toException();
            }
            strings.add(item.asText());
        }
        return strings;
    }

    static boolean optionalBoolean(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ApiProblem.badRequest("invalid_field", "\"" + field + "\" must be true or false").toException();
        }
        return value.asBoolean();
    }
}
