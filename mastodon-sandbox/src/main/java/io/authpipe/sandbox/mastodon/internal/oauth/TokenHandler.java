package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.internal.state.SandboxState;
import io.authpipe.sandbox.mastodon.internal.web.Params;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code POST /oauth/token} ({@code MASTODON.md} §3): missing {@code grant_type}, then unsupported grant types
 * (password from 4.4, refresh unless the policy issues refresh tokens), then (4.7) multiple client-auth
 * mechanisms, then the grant's own checks. Not throttled (§8).
 */
public final class TokenHandler {

    private final SandboxState state;
    private final AuthorizationCodeGrant authorizationCode;
    private final ClientCredentialsGrant clientCredentials;
    private final PasswordGrant password;
    private final RefreshTokenGrant refreshToken;

    /** Issues tokens from {@code state}. */
    public TokenHandler(SandboxState state) {
        this.state = state;
        this.authorizationCode = new AuthorizationCodeGrant(state);
        this.clientCredentials = new ClientCredentialsGrant(state);
        this.password = new PasswordGrant(state);
        this.refreshToken = new RefreshTokenGrant(state);
    }

    /** Handles the request. */
    public void create(Context ctx) {
        Params params = Params.of(ctx);
        TokenOutcome outcome = outcome(ctx, params);
        if (outcome instanceof TokenOutcome.Issued issued) {
            TokenResponses.success(ctx, state.version(), issued.token(), state.now());
        } else if (outcome instanceof TokenOutcome.Failed failed) {
            TokenResponses.error(ctx, state.version(), failed.error());
        }
    }

    private TokenOutcome outcome(Context ctx, Params params) {
        String grantType = params.string("grant_type");
        if (grantType == null || grantType.isBlank()) {
            return TokenOutcome.fail(OAuthError.missing("grant_type"));
        }
        Optional<TokenGrant> grant = grantFor(grantType);
        if (grant.isEmpty()) {
            return TokenOutcome.fail(OAuthError.unsupportedGrantType());
        }
        ClientAuthentication client = ClientAuthentication.of(ctx, params, state);
        if (client.conflicting()) {
            return TokenOutcome.fail(OAuthError.multipleClientAuthentication());
        }
        return grant.get().exchange(params, client);
    }

    private Optional<TokenGrant> grantFor(String grantType) {
        return switch (grantType) {
            case "authorization_code" -> Optional.of(authorizationCode);
            case "client_credentials" -> Optional.of(clientCredentials);
            case "password" -> state.version().supportsPasswordGrant() ? Optional.of(password) : Optional.empty();
            case "refresh_token" -> state.config().tokenPolicy().issueRefreshTokens()
                    ? Optional.of(refreshToken) : Optional.empty();
            default -> Optional.empty();
        };
    }
}
