package io.authpipe.sdk;

import java.util.Objects;

/**
 * An access token. {@link #toString()} never shows it: call {@link #reveal()} where the provider's API is called, and
 * nowhere else (not in a log line, an exception message or a metric label).
 */
public final class AccessToken {
    private final String value;

    private AccessToken(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static AccessToken of(String value) {
        return new AccessToken(value);
    }

    /** The token itself, for the {@code Authorization} header of a call to the provider. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccessToken token && token.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "AccessToken[redacted]";
    }
}
