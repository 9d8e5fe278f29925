package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.internal.state.AccessGrant;
import io.authpipe.sandbox.mastodon.internal.state.AccessToken;
import io.authpipe.sandbox.mastodon.internal.state.Application;
import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.state.TokenRequest;
import io.authpipe.sandbox.mastodon.internal.web.Params;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code grant_type=authorization_code} ({@code MASTODON.md} §3). Order: missing {@code code}; missing
 * {@code code_verifier} (when a challenge was sent) or {@code redirect_uri} — before client authentication;
 * client; grant (unknown, expired, used, other app); redirect URI; PKCE. The {@code scope} parameter is ignored.
 * The token is reused when the user already holds an active one for the same app and scope set.
 */
final class AuthorizationCodeGrant implements TokenGrant {

    private final SandboxState state;

    AuthorizationCodeGrant(SandboxState state) {
        this.state = state;
    }

    @Override
    public TokenOutcome exchange(Params params, ClientAuthentication client) {
        String code = params.string("code");
        if (blank(code)) {
            return TokenOutcome.fail(OAuthError.missing("code"));
        }
        Optional<AccessGrant> grant = state.grants().find(code);
        if (!blank(params.string("code_verifier"))) {
            state.recordCodeVerifier(params.string("code_verifier"));
        }
        String verifier = state.version().supportsPkce() ? params.string("code_verifier") : null;
        if (grant.isPresent() && grant.get().usesPkce() && blank(verifier)) {
            return TokenOutcome.fail(OAuthError.missing("code_verifier"));
        }
        if (blank(params.string("redirect_uri"))) {
            return TokenOutcome.fail(OAuthError.missing("redirect_uri"));
        }
        if (client.app().isEmpty()) {
            return TokenOutcome.fail(OAuthError.invalidClient());
        }
        return checkGrant(grant, client.app().get(), params.string("redirect_uri"), verifier);
    }

    private TokenOutcome checkGrant(Optional<AccessGrant> found, Application app, String redirectUri,
                                    String verifier) {
        Instant now = state.now();
        if (found.isEmpty() || found.get().applicationId() != app.id()) {
            return TokenOutcome.fail(OAuthError.invalidGrant());
        }
        AccessGrant grant = found.get();
        if (!grant.isAccessible(now)) {
            revokeOnReplay(grant, now);
            return TokenOutcome.fail(OAuthError.invalidGrant());
        }
        boolean pkceFails = (grant.usesPkce() || verifier != null) && !Pkce.verifies(verifier, grant.codeChallenge());
        if (!RedirectUriMatcher.validForAuthorization(redirectUri, List.of(grant.redirectUri())) || pkceFails) {
            return TokenOutcome.fail(OAuthError.invalidGrant());
        }
        return issue(grant, now);
    }

    private TokenOutcome issue(AccessGrant grant, Instant now) {
        if (!state.grants().consume(grant.code(), now)) {
            return TokenOutcome.fail(OAuthError.invalidGrant());
        }
        AccessToken token = state.tokens().findOrIssue(
                new TokenRequest(grant.applicationId(), grant.accountId(), grant.scopes()),
                state.config().tokenPolicy(), now);
        state.grants().recordIssuedToken(grant.code(), token.id());
        return new TokenOutcome.Issued(token);
    }

    /** Strict servers (and {@code TokenPolicy.revokeTokensOnCodeReplay}) kill what a replayed code produced. */
    private void revokeOnReplay(AccessGrant grant, Instant now) {
        if (grant.revokedAt() != null && grant.issuedTokenId() != null
                && state.config().tokenPolicy().revokeTokensOnCodeReplay()) {
            state.tokens().revokeFamilyOf(grant.issuedTokenId(), now);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
