package io.authpipe.mastodon;

/** An RFC 6749 §5.2 error response: HTTP status, {@code error} code and {@code error_description}. */
public record OAuthError(int status, String error, String description) {
    public boolean is(String code) {
        return error.equals(code);
    }
}
