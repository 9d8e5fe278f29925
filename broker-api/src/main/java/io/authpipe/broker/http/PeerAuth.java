package io.authpipe.broker.http;

import io.authpipe.core.secret.Secret;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Tells a peer's forwarded request from an outside caller's. Every broker-api instance of a deployment holds the
 * same secret ({@code AUTHPIPE_PEER_SECRET}) and sends it in {@value #HEADER} when it forwards a request; only a
 * request carrying exactly that value is a peer's (compared in constant time, over SHA-256 digests so the length
 * does not show). A caller sending the header without the secret is an outside caller like any other: it gets the
 * external view and is forwarded like any other request.
 */
final class PeerAuth {
    static final String HEADER = "X-Authpipe-Forwarded";
    private static final String ATTRIBUTE = "authpipe.peer";

    private final Secret secret;
    private final byte[] digest;

    PeerAuth(Secret secret) {
        this.secret = secret;
        this.digest = sha256(secret.utf8());
    }

    /** Whether the request comes from a peer instance; decided once per request. */
    boolean isPeer(Context ctx) {
        Boolean known = ctx.attribute(ATTRIBUTE);
        if (known != null) {
            return known;
        }
        String presented = ctx.header(HEADER);
        boolean peer = presented != null
                && MessageDigest.isEqual(digest, sha256(presented.getBytes(StandardCharsets.UTF_8)));
        ctx.attribute(ATTRIBUTE, peer);
        return peer;
    }

    /** The header value this instance sends to its peers. */
    String headerValue() {
        return secret.reveal();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
