package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.MastodonVersion;
import io.authpipe.sandbox.mastodon.internal.state.AccessToken;
import io.authpipe.sandbox.mastodon.internal.web.Json;
import io.authpipe.sandbox.mastodon.internal.web.JsonObject;
import io.authpipe.sandbox.mastodon.internal.web.WwwAuthenticate;
import io.javalin.http.Context;
import java.time.Instant;

/**
 * Token-endpoint bodies and headers ({@code MASTODON.md} §3 "Success" and "Errors"): Doorkeeper leaves out blank
 * fields, so {@code expires_in} and {@code refresh_token} only appear with an expiring policy; every answer carries
 * {@code Cache-Control: no-store, no-cache}, plus {@code Pragma: no-cache} from 4.4; errors add
 * {@code WWW-Authenticate}.
 */
final class TokenResponses {

    private TokenResponses() {
    }

    static void success(Context ctx, MastodonVersion version, AccessToken token, Instant now) {
        noCache(ctx, version);
        Json.send(ctx, 200, JsonObject.create()
                .with("access_token", token.token())
                .with("token_type", "Bearer")
                .withIf(token.expiresAt() != null, "expires_in", token.expiresInSeconds(now))
                .withIf(token.refreshToken() != null, "refresh_token", token.refreshToken())
                .with("scope", token.scopes().asString())
                .with("created_at", token.createdAt().getEpochSecond())
                .toMap());
    }

    static void error(Context ctx, MastodonVersion version, OAuthError error) {
        noCache(ctx, version);
        WwwAuthenticate.set(ctx, WwwAuthenticate.bearer(version, error.error(), error.description()));
        Json.send(ctx, error.status(), JsonObject.create().with("error", error.error())
                .with("error_description", error.description()).toMap());
    }

    private static void noCache(Context ctx, MastodonVersion version) {
        ctx.header("Cache-Control", "no-store, no-cache");
        if (version.sendsPragmaNoCache()) {
            ctx.header("Pragma", "no-cache");
        }
    }
}
