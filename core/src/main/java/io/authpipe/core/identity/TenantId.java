package io.authpipe.core.identity;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The customer team that owns connections. Every API call is authenticated as exactly one tenant.
 *
 * <p>Lowercase letters, digits and {@code -}, 1 to 64 characters, starting with a letter or digit: safe in
 * Kafka keys, URLs, file names and KMS encryption contexts without escaping.
 */
public record TenantId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("tenant id must match " + FORMAT.pattern());
        }
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
