package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.internal.state.AccessToken;
import io.authpipe.sandbox.mastodon.internal.state.Application;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.web.Json;
import io.authpipe.sandbox.mastodon.internal.web.JsonObject;
import io.authpipe.sandbox.mastodon.internal.web.Params;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /oauth/revoke} (RFC 7009, {@code MASTODON.md} §4 table): client authentication first (403
 * {@code unauthorized_client} when missing or wrong); then 200 {@code {}} for a blank, unknown or already revoked
 * token; 403 for another app's token; otherwise the token is revoked and 200 {@code {}}. A refresh token revokes
 * the access token it belongs to.
 */
public final class RevokeHandler {

    private final SandboxState state;

    /** Revokes tokens of {@code state}. */
    public RevokeHandler(SandboxState state) {
        this.state = state;
    }

    /** Handles the request. */
    public void revoke(Context ctx) {
        Params params = Params.of(ctx);
        ClientAuthentication client = ClientAuthentication.of(ctx, params, state);
        if (client.conflicting()) {
            TokenResponses.error(ctx, state.version(), OAuthError.multipleClientAuthentication());
            return;
        }
        if (client.app().isEmpty()) {
            refuse(ctx);
            return;
        }
        Optional<AccessToken> token = find(params.string("token"), params.string("token_type_hint"));
        if (token.isPresent() && !ownedBy(token.get(), client.app().get())) {
            refuse(ctx);
            return;
        }
        token.ifPresent(row -> state.tokens().revoke(row.id(), state.now()));
        Json.send(ctx, 200, Map.of());
    }

    private Optional<AccessToken> find(String token, String hint) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        if ("refresh_token".equals(hint)) {
            return state.tokens().findByRefreshToken(token).or(() -> state.tokens().findByToken(token));
        }
        return state.tokens().findByToken(token).or(() -> state.tokens().findByRefreshToken(token));
    }

    private static boolean ownedBy(AccessToken token, Application app) {
        return token.applicationId() == app.id();
    }

    private static void refuse(Context ctx) {
        Json.send(ctx, 403, JsonObject.create().with("error", "unauthorized_client")
                .with("error_description", "You are not authorized to revoke this token").toMap());
    }
}
