package io.authpipe.mastodon;

import java.time.Instant;

/** The answer of the token endpoint. */
public sealed interface TokenOutcome {
    /** The server issued (or, Mastodon's {@code reuse_access_token}, re-issued) a token. */
    record Issued(TokenGrant grant) implements TokenOutcome { }

    /** An OAuth error ({@code invalid_grant}, {@code invalid_client}, ...): permanent for this request. */
    record Refused(OAuthError error) implements TokenOutcome { }

    /**
     * 429, whatever the body (Rack::Attack's JSON or a proxy's page): nothing was issued and the grant was not
     * used up; send the same request again at {@code retryAt} (from {@code Retry-After}, else Mastodon's
     * {@code X-RateLimit-Reset}, else one minute after the answer).
     */
    record Throttled(Instant retryAt) implements TokenOutcome { }
}
