package io.authpipe.broker.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authpipe.broker.api.ApiProblem;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads JSON request bodies field by field, answering 400 with the exact field and problem. The parser has tight
 * limits, far above any body the API takes and far below what costs anything: nesting {@value #MAX_DEPTH} deep,
 * numbers of {@value #MAX_NUMBER_LENGTH} characters, strings and documents of the body limit. Past them, and for
 * duplicate keys or anything after the object, the answer is {@code 400 invalid_json}.
 */
final class JsonBodies {
    static final int MAX_DEPTH = 32;
    static final int MAX_NUMBER_LENGTH = 64;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(BodyLimit.MAX_BYTES)
                    .maxDocumentLength(BodyLimit.MAX_BYTES)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBodies() {
    }

    static JsonNode object(Context ctx) {
        String contentType = Optional.ofNullable(ctx.contentType()).orElse("");
        if (!contentType.startsWith("application/json")) {
            throw ApiProblem.of(415, "unsupported_media_type", "send the body as application/json").toException();
        }
        try {
            JsonNode node = JSON.readTree(ctx.bodyAsBytes()); // bytes: invalid UTF-8 is invalid JSON
            if (node == null || !node.isObject()) {
                throw ApiProblem.badRequest("invalid_json", "the body must be a JSON object").toException();
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw ApiProblem.badRequest("invalid_json", "the body exceeds the JSON limits (nesting "
                    + MAX_DEPTH + " deep, numbers of " + MAX_NUMBER_LENGTH + " characters)").toException();
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("invalid_json", "the body is not valid JSON" + where(e)).toException();
        } catch (IOException e) { // an encoding Jackson cannot read
            throw ApiProblem.badRequest("invalid_json", "the body is not valid JSON in UTF-8").toException();
        }
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
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

    static Optional<String> optionalText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(requiredText(body, field));
    }

    static Optional<List<String>> optionalStrings(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(requiredStrings(body, field));
    }
}
