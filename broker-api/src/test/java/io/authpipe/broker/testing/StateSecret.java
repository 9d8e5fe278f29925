package io.authpipe.broker.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * What a producer of a {@code ConnectRequest} does, as the README tells it: 32 random bytes, base64url, kept to
 * itself; their SHA-256 (base64url) goes in the request as {@code stateChallenge}; the secret is appended to the
 * reply's authorize link.
 */
public record StateSecret(String secret, String challenge) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public static StateSecret generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = B64.encodeToString(bytes);
        return new StateSecret(secret, challengeOf(secret));
    }

    public static String challengeOf(String secret) {
        try {
            return B64.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The link to hand the user: the reply's authorize link followed by the secret. */
    public String complete(String authorizeUrl) {
        return authorizeUrl + secret;
    }

    @Override
    public String toString() {
        return "StateSecret[[redacted], " + challenge + "]";
    }
}
