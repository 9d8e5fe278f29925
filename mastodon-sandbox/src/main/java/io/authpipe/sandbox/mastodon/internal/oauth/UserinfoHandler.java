package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.internal.api.ApiAccess;
import io.authpipe.sandbox.mastodon.internal.api.ApiAuthenticator;
import io.authpipe.sandbox.mastodon.internal.state.Account;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.web.Json;
import io.authpipe.sandbox.mastodon.internal.web.JsonObject;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET/POST /oauth/userinfo} (4.4+, {@code MASTODON.md} §5): needs exactly the {@code profile} scope and a
 * user token; answers the OpenID Connect style claims.
 */
public final class UserinfoHandler {

    private final SandboxState state;
    private final ApiAuthenticator authenticator;

    /** Serves claims of {@code state}'s accounts. */
    public UserinfoHandler(SandboxState state, ApiAuthenticator authenticator) {
        this.state = state;
        this.authenticator = authenticator;
    }

    /** Handles the request. */
    public void show(Context ctx) {
        ApiAccess access = authenticator.authorize(ctx, List.of("profile"), true);
        if (access instanceof ApiAccess.Denied denied) {
            denied.send(ctx);
        } else if (access instanceof ApiAccess.Granted granted) {
            Account account = granted.account().orElseThrow();
            String base = state.baseUrl();
            Json.send(ctx, 200, JsonObject.create()
                    .with("iss", base + "/")
                    .with("sub", base + "/users/" + account.username())
                    .with("name", account.user().displayName())
                    .with("preferred_username", account.username())
                    .with("profile", base + "/@" + account.username())
                    .with("picture", base + "/avatars/original/missing.png")
                    .toMap());
        }
    }
}
