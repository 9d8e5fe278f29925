package io.authpipe.sandbox.mastodon.internal.oauth;

import io.authpipe.sandbox.mastodon.internal.web.Params;

/** One {@code grant_type} of {@code POST /oauth/token}. */
sealed interface TokenGrant permits AuthorizationCodeGrant, ClientCredentialsGrant, PasswordGrant,
        RefreshTokenGrant {

    /** Validates in Doorkeeper's order and issues (or reuses) a token. */
    TokenOutcome exchange(Params params, ClientAuthentication client);
}
