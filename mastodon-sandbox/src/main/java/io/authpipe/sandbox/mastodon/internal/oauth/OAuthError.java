package io.authpipe.sandbox.mastodon.internal.oauth;

/**
 * A token-endpoint error with Doorkeeper's English texts ({@code MASTODON.md} §3 "Errors"). These texts are never
 * localized: {@code /oauth/token} is an {@code ActionController::API} without per-request locales.
 *
 * @param status      HTTP status
 * @param error       OAuth error code
 * @param description {@code error_description}
 */
record OAuthError(int status, String error, String description) {

    static final String INVALID_CLIENT_TEXT = "Client authentication failed due to unknown client, no client "
            + "authentication included, or unsupported authentication method.";
    static final String INVALID_SCOPE_TEXT = "The requested scope is invalid, unknown, or malformed.";

    static OAuthError missing(String param) {
        return new OAuthError(400, "invalid_request", "Missing required parameter: " + param + ".");
    }

    /** Doorkeeper 5.9.5+ (Mastodon 4.7): Basic plus {@code client_secret}, or two different client ids. */
    static OAuthError multipleClientAuthentication() {
        return new OAuthError(400, "invalid_request",
                "The request utilizes more than one mechanism for authenticating the client.");
    }

    static OAuthError invalidClient() {
        return new OAuthError(401, "invalid_client", INVALID_CLIENT_TEXT);
    }

    static OAuthError invalidGrant() {
        return new OAuthError(400, "invalid_grant", "The provided authorization grant is invalid, expired, revoked, "
                + "does not match the redirection URI used in the authorization request, or was issued to another "
                + "client.");
    }

    static OAuthError invalidScope() {
        return new OAuthError(400, "invalid_scope", INVALID_SCOPE_TEXT);
    }

    static OAuthError unsupportedGrantType() {
        return new OAuthError(400, "unsupported_grant_type",
                "The authorization grant type is not supported by the authorization server.");
    }
}
