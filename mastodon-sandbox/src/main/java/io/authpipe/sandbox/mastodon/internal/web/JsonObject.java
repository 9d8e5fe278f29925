package io.authpipe.sandbox.mastodon.internal.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** A tiny ordered builder for response bodies; {@code null} values are written as JSON {@code null}. */
public final class JsonObject {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** Starts an empty object. */
    public static JsonObject create() {
        return new JsonObject();
    }

    /** Adds a field. */
    public JsonObject with(String name, Object value) {
        fields.put(name, value instanceof JsonObject nested ? nested.toMap() : value);
        return this;
    }

    /** Adds a field only when {@code condition} holds. */
    public JsonObject withIf(boolean condition, String name, Object value) {
        return condition ? with(name, value) : this;
    }

    /** The fields, in insertion order. */
    public Map<String, Object> toMap() {
        return fields;
    }
}
