package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.internal.state.Application;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.state.ScopeSet;
import io.authpipe.sandbox.mastodon.internal.state.TokenRequest;
import io.authpipe.sandbox.mastodon.internal.web.Params;
import java.util.Optional;

/**
 * {@code grant_type=client_credentials}: an app token without a user, scope a literal subset of the app's
 * (default {@code read}); reused per (app, scope set) like user tokens ({@code MASTODON.md} §3).
 */
final class ClientCredentialsGrant implements TokenGrant {

    private final SandboxState state;

    ClientCredentialsGrant(SandboxState state) {
        this.state = state;
    }

    @Override
    public TokenOutcome exchange(Params params, ClientAuthentication client) {
        if (client.app().isEmpty()) {
            return TokenOutcome.fail(OAuthError.invalidClient());
        }
        Application app = client.app().get();
        Optional<ScopeSet> scopes = ScopeRules.requested(params.string("scope"), app, state.version());
        if (scopes.isEmpty()) {
            return TokenOutcome.fail(OAuthError.invalidScope());
        }
        return new TokenOutcome.Issued(state.tokens().findOrIssue(new TokenRequest(app.id(), null, scopes.get()),
                state.config().tokenPolicy(), state.now()));
    }
}
