package io.authpipe.mastodon;

import java.time.Instant;

/**
 * What {@code GET /api/v1/accounts/verify_credentials} said about a token, classified by status and the
 * {@code WWW-Authenticate} error code, never by the (localised) text (MASTODON.md §4, §10).
 */
public sealed interface VerifyOutcome {
    /** 200: the token works, and its account passed {@link AccountReader}'s checks. */
    record Verified(MastodonAccount account) implements VerifyOutcome { }

    /**
     * 200: the token works, but the account the instance described is not one to record (an {@code acct} on another
     * domain, a {@code javascript:} profile URL, a malformed id...). {@code reason} names the field and the rule,
     * never the value.
     */
    record InvalidAccount(String reason) implements VerifyOutcome { }

    /** 401 {@code invalid_token}: the credential is dead. */
    record InvalidToken() implements VerifyOutcome { }

    /**
     * 403: the account is unusable now (suspended, disabled, unconfirmed, pending: {@code scopes} false) or the
     * token's scopes do not allow the call ({@code scopes} true).
     */
    record Forbidden(String serverMessage, boolean scopes) implements VerifyOutcome {
        /** A refusal for the account's state. */
        public Forbidden(String serverMessage) {
            this(serverMessage, false);
        }
    }

    /** 422: a client-credentials (app) token, not a user token. */
    record NotAUserToken() implements VerifyOutcome { }

    /** 429: throttled until {@code until}. */
    record Throttled(Instant until) implements VerifyOutcome { }
}
