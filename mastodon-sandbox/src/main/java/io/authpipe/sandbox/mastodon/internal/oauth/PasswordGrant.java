package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.internal.state.Account;
import io.authpipe.sandbox.mastodon.internal.state.Application;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.state.ScopeSet;
import io.authpipe.sandbox.mastodon.internal.state.TokenRequest;
import io.authpipe.sandbox.mastodon.internal.web.Params;
import java.util.Optional;

/**
 * {@code grant_type=password} (4.3 and older; removed in 4.4.0, §3): client, then resource owner
 * ({@code username} is the e-mail, the sandbox also accepts the username), then scopes.
 */
final class PasswordGrant implements TokenGrant {

    private final SandboxState state;

    PasswordGrant(SandboxState state) {
        this.state = state;
    }

    @Override
    public TokenOutcome exchange(Params params, ClientAuthentication client) {
        if (client.app().isEmpty()) {
            return TokenOutcome.fail(OAuthError.invalidClient());
        }
        Application app = client.app().get();
        Optional<Account> owner = state.accounts().forSignIn(params.string("username"), params.string("password"));
        if (owner.isEmpty()) {
            return TokenOutcome.fail(OAuthError.invalidGrant());
        }
        Optional<ScopeSet> scopes = ScopeRules.requested(params.string("scope"), app, state.version());
        if (scopes.isEmpty()) {
            return TokenOutcome.fail(OAuthError.invalidScope());
        }
        return new TokenOutcome.Issued(state.tokens().findOrIssue(
                new TokenRequest(app.id(), owner.get().id(), scopes.get()), state.config().tokenPolicy(),
                state.now()));
    }
}
