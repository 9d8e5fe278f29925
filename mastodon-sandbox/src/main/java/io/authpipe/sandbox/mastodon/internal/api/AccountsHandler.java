package io.authpipe.sandbox.mastodon.internal.api;

import io.authpipe.sandbox.mastodon.internal.state.Account;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.web.Json;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /api/v1/accounts/verify_credentials} ({@code MASTODON.md} §5): needs one of {@code profile},
 * {@code read} or {@code read:accounts} and a user token.
 */
public final class AccountsHandler {

    private static final List<String> SCOPES = List.of("profile", "read", "read:accounts");

    private final SandboxState state;
    private final ApiAuthenticator authenticator;

    /** Serves accounts of {@code state}. */
    public AccountsHandler(SandboxState state, ApiAuthenticator authenticator) {
        this.state = state;
        this.authenticator = authenticator;
    }

    /** Handles {@code verify_credentials}. */
    public void verifyCredentials(Context ctx) {
        ApiAccess access = authenticator.authorize(ctx, SCOPES, true);
        if (access instanceof ApiAccess.Denied denied) {
            denied.send(ctx);
        } else if (access instanceof ApiAccess.Granted granted) {
            Account account = granted.account().orElseThrow();
            Json.send(ctx, 200, AccountJson.credentialAccount(account, state.baseUrl(),
                    state.profileOverrides().of(account.username())));
        }
    }
}
