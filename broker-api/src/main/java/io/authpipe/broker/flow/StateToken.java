package io.authpipe.broker.flow;

import io.authpipe.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The OAuth {@code state} and the hashes that stand for it. A state has one of two forms:
 * <ul>
 *   <li>whole: 256 random bits, base64url, minted by Authpipe and handed out only over the authenticated HTTP API;
 *       its pending authorization is stored under {@link #hash}{@code (state)};</li>
 *   <li>{@code handle.proof}: a handle (256 random bits, base64url) minted by Authpipe and a proof chosen by the
 *       producer of a connect request, which sent only its SHA-256, the challenge. Authpipe publishes the handle,
 *       never sees the proof before the user's browser brings it back, and stores the flow under
 *       {@link #hash}{@code (handle)} with the challenge.</li>
 * </ul>
 * Either way no state is stored or published: the topics hold hashes, and a copy of them cannot finish a flow.
 *
 * <p>A whole state or handle minted by an instance that does not own its flow's partition starts with
 * {@value #CATCHING_UP} (neither base64url nor the separator): only for such a state may the owner's store still be
 * catching up when the callback arrives, so only for it is a miss worth a short wait (see
 * {@link PendingAuthorizations#find}).
 */
public final class StateToken {
    /** Separates the handle from the proof; never part of base64url. */
    public static final char PROOF_SEPARATOR = '.';
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

    /** The key the flow of {@code state} is stored (and routed) under: the hash of its handle, or of all of it. */
    public static String storeKey(String state) {
        int separator = state.indexOf(PROOF_SEPARATOR);
        return hash(separator < 0 ? state : state.substring(0, separator));
    }

    /**
     * Whether {@code state} is what its flow expects: a whole state for a flow without a challenge; a
     * {@code handle.proof} whose proof hashes to {@code challenge} (compared in constant time) otherwise.
     */
    static boolean answers(String state, Optional<String> challenge) {
        int separator = state.indexOf(PROOF_SEPARATOR);
        if (challenge.isEmpty() || separator < 0) {
            return challenge.isEmpty() && separator < 0;
        }
        byte[] proofHash = hash(state.substring(separator + 1)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(proofHash, challenge.get().getBytes(StandardCharsets.US_ASCII));
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
