package io.authpipe.mastodon;

/** The answer of the token endpoint. */
public sealed interface TokenOutcome {
    /** The server issued (or, Mastodon's {@code reuse_access_token}, re-issued) a token. */
    record Issued(TokenGrant grant) implements TokenOutcome { }

    /** An OAuth error ({@code invalid_grant}, {@code invalid_client}, ...): permanent for this request. */
    record Refused(OAuthError error) implements TokenOutcome { }
}
