package io.authpipe.broker.tenant;

import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * A tenant API key: {@code ap_<tenantId>_<43 characters of base64url>} (256 random bits). The tenant id in the
 * key finds the tenant; the SHA-256 of the whole key is what is stored, so a leaked topic or store reveals no
 * usable key (a 256-bit random secret needs no slow hash).
 */
public record ApiKey(TenantId tenant, Secret value) {
    private static final String PREFIX = "ap_";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static ApiKey generate(TenantId tenant) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new ApiKey(tenant, Secret.of(PREFIX + tenant.value() + '_'
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)));
    }

    /** Parses a presented key; empty when it does not have the shape of one. */
    public static Optional<ApiKey> parse(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int separator = presented.indexOf('_', PREFIX.length());
        if (separator < 0 || separator == presented.length() - 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ApiKey(TenantId.of(presented.substring(PREFIX.length(), separator)),
                    Secret.of(presented)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public byte[] hash() {
        return sha256(value.reveal());
    }

    /** Constant-time comparison with a stored hash. */
    public boolean matches(byte[] storedHash) {
        return MessageDigest.isEqual(hash(), storedHash);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
