package io.authpipe.mastodon;

/** The answer of {@code POST /oauth/revoke} (MASTODON.md §4). */
public enum RevokeOutcome {
    /** 200: revoked, already revoked, or unknown to the server. */
    REVOKED,
    /** 403 {@code unauthorized_client}: wrong client credentials, or a token of another app. */
    REFUSED
}
