package io.authpipe.broker.flow;

import io.authpipe.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The OAuth {@code state} and the hash that stands for it: 256 random bits, base64url, minted by Authpipe when a
 * browser clicks on the connect page and handed only to that browser (in the provider's authorize link). Its
 * pending authorization is stored under {@link #hash}{@code (state)}: no state is stored or published, and a copy
 * of the topics cannot finish a flow.
 *
 * <p>A state minted by an instance that does not own its flow's partition starts with {@value #CATCHING_UP}
 * (not base64url): only for such a state may the owner's store still be catching up when the callback arrives, so
 * only for it is a miss worth a short wait (see {@link PendingAuthorizations#find}).
 */
public final class StateToken {
    static final String CATCHING_UP = "~";
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
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

    /** A state or handle whose flow another instance stores: marked so its callback may wait for that store. */
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

    /** The key the flow of {@code state} is stored (and routed) under. */
    public static String storeKey(String state) {
        return hash(state);
    }

    /** Whether {@code challenge} has the form of a SHA-256 in base64url without padding (43 characters). */
    static boolean isChallenge(String challenge) {
        return CHALLENGE.matcher(challenge).matches();
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
