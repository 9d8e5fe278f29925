package io.authpipe.sandbox.mastodon.internal.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fields the operator made the server say about an account instead of the truth, as a hostile or broken instance
 * would ({@code "acct": "gargron@mastodon.social"}, {@code "url": "javascript:alert(1)"}). Keyed by username,
 * case-insensitive. Thread-safe.
 */
public final class ProfileOverrides {
    private final Map<String, Map<String, Object>> byUsername = new ConcurrentHashMap<>();

    /** Replaces the overrides of {@code username}; an empty map removes them. Values may be null or any JSON value. */
    public void set(String username, Map<String, Object> fields) {
        if (fields.isEmpty()) {
            byUsername.remove(key(username));
        } else {
            byUsername.put(key(username), Collections.unmodifiableMap(new LinkedHashMap<>(fields)));
        }
    }

    /** The overrides of {@code username}; empty when it has none. */
    public Map<String, Object> of(String username) {
        return byUsername.getOrDefault(key(username), Map.of());
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
