package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.internal.state.Application;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.web.Params;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Client authentication at {@code /oauth/token} and {@code /oauth/revoke} ({@code MASTODON.md} §3): Basic first
 * ({@code client_secret_basic}), then {@code client_id}/{@code client_secret} parameters ({@code client_secret_post}).
 * Every Mastodon app is confidential, so the secret is always required.
 *
 * @param app         the authenticated app, empty when credentials are missing or wrong
 * @param conflicting whether two mechanisms were used at once (only refused from 4.7)
 */
record ClientAuthentication(Optional<Application> app, boolean conflicting) {

    static ClientAuthentication of(Context ctx, Params params, SandboxState state) {
        Optional<Basic> basic = basic(ctx.header("Authorization"));
        String postId = params.string("client_id");
        boolean conflicting = basic.isPresent() && (params.string("client_secret") != null
                || (postId != null && !postId.equals(basic.get().id())));
        String id = basic.map(Basic::id).orElse(postId);
        String secret = basic.map(Basic::secret).orElse(params.string("client_secret"));
        Optional<Application> app = state.apps().byClientId(id).filter(found -> secretMatches(found, secret));
        return new ClientAuthentication(app, conflicting && state.version().rejectsMultipleClientAuthentication());
    }

    /** {@code Authorization: Basic base64(client_id:client_secret)}, not URL-decoded (as Doorkeeper). */
    private static Optional<Basic> basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new Basic(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean secretMatches(Application app, String secret) {
        return secret != null && MessageDigest.isEqual(app.clientSecret().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
    }

    private record Basic(String id, String secret) {

        @Override
        public String toString() {
            return "Basic[" + id + ", [redacted]]";
        }
    }
}
