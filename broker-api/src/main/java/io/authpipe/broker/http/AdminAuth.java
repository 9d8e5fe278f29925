package io.authpipe.broker.http;

import io.authpipe.broker.api.ApiProblem;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The operator's bearer token ({@code AUTHPIPE_ADMIN_TOKEN}), compared in constant time (over SHA-256 digests, so
 * the length does not show either); absent disables the admin API.
 */
final class AdminAuth {
    private final Optional<byte[]> token;

    AdminAuth(Optional<String> token) {
        this.token = token.map(t -> sha256(t.getBytes(StandardCharsets.UTF_8)));
    }

    boolean enabled() {
        return token.isPresent();
    }

    boolean matches(Context ctx) {
        byte[] presented = sha256(TenantAuth.bearer(ctx).orElse("").getBytes(StandardCharsets.UTF_8));
        return token.filter(t -> MessageDigest.isEqual(t, presented)).isPresent();
    }

    static ApiProblem.ApiException unauthorized(Context ctx) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"authpipe-admin\"");
        return ApiProblem.of(401, "unauthorized", "send the admin token as Authorization: Bearer ...").toException();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
