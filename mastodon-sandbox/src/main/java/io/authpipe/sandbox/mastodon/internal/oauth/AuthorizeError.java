package io.authpipe.sandbox.mastodon.internal.oauth;

/**
 * A pre-authorization failure. Rendered as an HTML page, never redirected ({@code MASTODON.md} §2 "Flow", 3).
 *
 * @param error       OAuth error code
 * @param description the {@code error_description} shown on the page
 */
record AuthorizeError(String error, String description) {

    static AuthorizeError missing(String param) {
        return new AuthorizeError("invalid_request", "Missing required parameter: " + param + ".");
    }

    static AuthorizeError invalidClient() {
        return new AuthorizeError("invalid_client", OAuthError.INVALID_CLIENT_TEXT);
    }

    static AuthorizeError invalidRedirectUri() {
        return new AuthorizeError("invalid_redirect_uri", "The redirect uri included is not valid.");
    }

    static AuthorizeError unsupportedResponseType() {
        return new AuthorizeError("unsupported_response_type",
                "The authorization server does not support this response type.");
    }

    static AuthorizeError unsupportedResponseMode() {
        return new AuthorizeError("unsupported_response_mode",
                "The authorization server does not support this response mode.");
    }

    static AuthorizeError invalidScope() {
        return new AuthorizeError("invalid_scope", OAuthError.INVALID_SCOPE_TEXT);
    }

    /** §2 row 8: the text changed with Doorkeeper 5.9 (Mastodon 4.6). */
    static AuthorizeError invalidCodeChallengeMethod(boolean newText) {
        return new AuthorizeError("invalid_code_challenge_method", newText
                ? "The code_challenge_method must be S256."
                : "The code challenge method must be S256, plain is unsupported.");
    }

    /** 401 for {@code invalid_client}, 400 otherwise. */
    int status() {
        return error.equals("invalid_client") ? 401 : 400;
    }
}
