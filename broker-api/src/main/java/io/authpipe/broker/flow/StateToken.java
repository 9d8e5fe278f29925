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
 *
 * <p>A state minted by an instance that does not own its flow's partition starts with {@value #CATCHING_UP}
 * (not a base64url character): only for such a state may the owner's store still be catching up when the callback
 * arrives, so only for it is a miss worth a short wait (see {@link PendingAuthorizations#find}).
 */
public final class StateToken {
    static final String CATCHING_UP = "~";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private StateToken() {
    }

    /** 256 random bits, base64url: a state, or a PKCE verifier (43 characters, RFC 7636 §4.1). */
    public static Secret generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Secret.of(B64.encodeToString(bytes));
    }

    /** A state whose flow another instance stores: marked so its callback may wait for that store. */
    static Secret generateCatchingUp() {
        return Secret.of(CATCHING_UP + generate().reveal());
    }

    /** Whether the store may not show this state's flow yet (it was minted on another instance a moment ago). */
    static boolean mayBeCatchingUp(String state) {
        return state.startsWith(CATCHING_UP);
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
