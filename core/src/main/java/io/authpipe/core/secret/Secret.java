package io.authpipe.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A plaintext secret (access token, refresh token, client secret, PKCE verifier, API key) held in memory only.
 *
 * <p>{@link #toString()} prints {@code [redacted]}, so a secret that reaches a log line, an exception message or
 * a JSON serialiser by accident shows nothing. Read the value with {@link #reveal()} at the one place that must
 * send it over the wire or encrypt it. Equality is constant-time.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "secret");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public static Secret ofUtf8(byte[] bytes) {
        return new Secret(new String(bytes, StandardCharsets.UTF_8));
    }

    /** The plaintext. Call it only where the secret must leave memory: a request to the provider, the cipher. */
    public String reveal() {
        return value;
    }

    public byte[] utf8() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && MessageDigest.isEqual(utf8(), that.utf8());
    }

    @Override
    public int hashCode() {
        return 0; // no information about the value
    }

    @Override
    public String toString() {
        return "[redacted]";
    }
}
