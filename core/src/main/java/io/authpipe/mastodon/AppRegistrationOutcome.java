package io.authpipe.mastodon;

import java.time.Instant;

/** The answer to {@code POST /api/v1/apps}; every answer is one of these, none is an exception. */
public sealed interface AppRegistrationOutcome {
    /** The app exists; its credentials work for every user of the server. */
    record Registered(ClientCredentials credentials) implements AppRegistrationOutcome { }

    /** The server throttles registrations (5 per 10 minutes per IP); try again at {@code until}. */
    record Throttled(Instant until) implements AppRegistrationOutcome { }

    /** The server refused the registration (422); {@code message} is the server's text. Not retryable. */
    record Rejected(int status, String message) implements AppRegistrationOutcome { }

    /**
     * The server could not be asked or gave no usable answer: unreachable, a timeout, a redirect, a 5xx, a page that
     * is not JSON, a 200 without client credentials (MASTODON.md §9). Retryable later. {@code reason} names the
     * instance and what went wrong, never a secret.
     */
    record Unavailable(String reason) implements AppRegistrationOutcome { }
}
