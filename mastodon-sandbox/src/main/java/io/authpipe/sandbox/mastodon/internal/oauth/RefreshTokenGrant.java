package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.TokenPolicy;
import io.authpipe.sandbox.mastodon.internal.state.AccessToken;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.state.ScopeSet;
import io.authpipe.sandbox.mastodon.internal.web.Params;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code grant_type=refresh_token}, only with a {@link TokenPolicy} that issues refresh tokens (stock Mastodon
 * answers {@code unsupported_grant_type}). The old access token is revoked. With rotation, presenting a refresh
 * token that was already rotated away is treated as theft: the whole token family is revoked (Keycloak behaviour,
 * {@code DESIGN.md} "Lessons from peers") and the answer is {@code invalid_grant}.
 */
final class RefreshTokenGrant implements TokenGrant {

    private final SandboxState state;

    RefreshTokenGrant(SandboxState state) {
        this.state = state;
    }

    @Override
    public TokenOutcome exchange(Params params, ClientAuthentication client) {
        String refreshToken = params.string("refresh_token");
        if (refreshToken == null || refreshToken.isBlank()) {
            return TokenOutcome.fail(OAuthError.missing("refresh_token"));
        }
        Optional<AccessToken> found = state.tokens().findByRefreshToken(refreshToken);
        if (found.isEmpty()) {
            return TokenOutcome.fail(OAuthError.invalidGrant());
        }
        if (client.app().isEmpty()) {
            return TokenOutcome.fail(OAuthError.invalidClient());
        }
        if (found.get().applicationId() != client.app().get().id()) {
            return TokenOutcome.fail(OAuthError.invalidGrant());
        }
        return refresh(found.get(), params.string("scope"));
    }

    private TokenOutcome refresh(AccessToken old, String requestedScope) {
        Instant now = state.now();
        TokenPolicy policy = state.config().tokenPolicy();
        if (old.refreshed() && policy.rotateRefreshTokens()) {
            state.refreshTraffic().countReplay();
            state.tokens().revokeFamily(old.familyId(), now);
            return TokenOutcome.fail(OAuthError.invalidGrant());
        }
        if (old.isRevoked()) {
            return TokenOutcome.fail(OAuthError.invalidGrant());
        }
        ScopeSet scopes = requestedScope == null || requestedScope.isBlank() ? old.scopes()
                : ScopeSet.parse(requestedScope);
        if (!scopes.isSubsetOf(old.scopes().values())) {
            return TokenOutcome.fail(OAuthError.invalidScope());
        }
        Optional<AccessToken> refreshed = state.tokens().refresh(old, scopes, policy, now);
        refreshed.ifPresent(token -> state.refreshTraffic().countIssued());
        return refreshed.<TokenOutcome>map(TokenOutcome.Issued::new)
                .orElseGet(() -> TokenOutcome.fail(OAuthError.invalidGrant()));
    }
}
