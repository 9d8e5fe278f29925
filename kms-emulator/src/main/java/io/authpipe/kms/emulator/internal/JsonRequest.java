package io.authpipe.kms.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to the members of an AWS JSON 1.1 request body. A member of the wrong JSON type is a
 * SerializationException, a missing required one a ValidationException, as in AWS KMS.
 */
final class JsonRequest {

    private final JsonNode root;

    private JsonRequest(JsonNode root) {
        this.root = root;
    }

    static JsonRequest parse(byte[] body) {
        if (body.length == 0) {
            return new JsonRequest(Json.object());
        }
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root == null || !root.isObject()) {
                throw ServiceError.serialization("The request body must be a JSON object.");
            }
            return new JsonRequest(root);
        } catch (IOException e) {
            throw ServiceError.serialization("The request body is not valid JSON.");
        }
    }

    String requiredString(String member) {
        return optionalString(member).filter(value -> !value.isEmpty()).orElseThrow(() -> ServiceError.validation(
                "1 validation error detected: Value at '" + member + "' failed to satisfy constraint: "
                        + "Member must not be null or empty"));
    }

    Optional<String> optionalString(String member) {
        return present(member).map(node -> typed(node, node.isTextual(), member).asText());
    }

    Optional<Integer> optionalInt(String member) {
        return present(member).map(node -> typed(node, node.isIntegralNumber() && node.canConvertToInt(), member)
                .asInt());
    }

    byte[] requiredBlob(String member) {
        try {
            return Base64.getDecoder().decode(requiredString(member));
        } catch (IllegalArgumentException e) {
            throw ServiceError.serialization("'" + member + "' is not valid base64.");
        }
    }

    /** A string map, e.g. EncryptionContext; absent means empty. */
    Map<String, String> stringMap(String member) {
        Map<String, String> map = new LinkedHashMap<>();
        present(member).ifPresent(node -> typed(node, node.isObject(), member).fields().forEachRemaining(
                field -> map.put(field.getKey(), text(field.getValue(), member))));
        return map;
    }

    /** A list of strings; absent means empty. */
    List<String> strings(String member) {
        List<String> list = new ArrayList<>();
        present(member).ifPresent(node -> typed(node, node.isArray(), member)
                .forEach(item -> list.add(text(item, member))));
        return list;
    }

    /** AWS tags: {@code [{"TagKey":..,"TagValue":..}]}; absent means none. */
    Map<String, String> tags(String member) {
        Map<String, String> tags = new LinkedHashMap<>();
        present(member).ifPresent(node -> typed(node, node.isArray(), member).forEach(
                tag -> tags.put(text(tag.path("TagKey"), member), text(tag.path("TagValue"), member))));
        return tags;
    }

    private Optional<JsonNode> present(String member) {
        return Optional.ofNullable(root.get(member)).filter(node -> !node.isNull());
    }

    private static String text(JsonNode node, String member) {
        return typed(node, node.isTextual(), member).asText();
    }

    private static JsonNode typed(JsonNode node, boolean rightType, String member) {
        if (!rightType) {
            throw ServiceError.serialization("'" + member + "' has the wrong JSON type.");
        }
        return node;
    }
}
