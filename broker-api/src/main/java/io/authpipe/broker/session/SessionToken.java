package io.authpipe.broker.session;

import io.authpipe.broker.flow.StateToken;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.ConnectSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A connect session token, {@code <id>.<secret>}: the id ({@code cs_} and 128 random bits, base64url) is public and
 * routes requests to the session; the secret (256 random bits, base64url) is what the browser proves it holds. The
 * session stores only the secret's SHA-256 ({@link #hash}). A session opened from {@code authpipe.connect-requests}
 * has no secret of Authpipe's making: the producer appends its own, whose SHA-256 it sent as the challenge.
 */
public record SessionToken(String id, Secret secret) {
    public static final char SEPARATOR = '.';
    private static final Pattern ID = Pattern.compile("cs_[A-Za-z0-9_-]{22}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** A new session id. */
    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "cs_" + B64.encodeToString(bytes);
    }

    /** A token for session {@code id} with a new secret. */
    static SessionToken mint(String id) {
        return new SessionToken(id, StateToken.generate());
    }

    /** {@code value} as a token, if it has the form of one. */
    public static Optional<SessionToken> parse(String value) {
        int separator = value == null ? -1 : value.indexOf(SEPARATOR);
        if (separator < 0 || !ID.matcher(value.substring(0, separator)).matches()
                || !SECRET.matcher(value.substring(separator + 1)).matches()) {
            return Optional.empty();
        }
        return Optional.of(new SessionToken(value.substring(0, separator), Secret.of(value.substring(separator + 1))));
    }

    static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** What the session stores: the secret's SHA-256, base64url. */
    String hash() {
        return StateToken.hash(secret.reveal());
    }

    /** Whether this token opens {@code session} (its secret hashes to the stored hash; constant time). */
    boolean opens(ConnectSession session) {
        return MessageDigest.isEqual(hash().getBytes(StandardCharsets.US_ASCII),
                session.getTokenHash().getBytes(StandardCharsets.US_ASCII));
    }

    /** The whole token, for the one answer that hands it to the tenant's backend. */
    Secret whole() {
        return Secret.of(id + SEPARATOR + secret.reveal());
    }

    @Override
    public String toString() {
        return "SessionToken[" + id + ", [redacted]]";
    }
}
