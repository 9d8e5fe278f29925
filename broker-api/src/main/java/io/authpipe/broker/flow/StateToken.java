package io.authpipe.broker.flow;

import io.authpipe.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The OAuth {@code state}: 256 random bits, base64url. Only its SHA-256 (the {@link #hash}) is stored, as the key
 * of the pending authorization, so a copy of the topic cannot be used to finish someone's flow.
 */
public final class StateToken {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private StateToken() {
    }

    public static Secret generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Secret.of(B64.encodeToString(bytes));
    }

    public static String hash(String state) {
        return B64.encodeToString(sha256(state.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** RFC 7636 S256: {@code BASE64URL-NOPAD(SHA256(ASCII(verifier)))}. */
    public static String pkceChallenge(Secret verifier) {
        return B64.encodeToString(sha256(verifier.utf8()));
    }
}
