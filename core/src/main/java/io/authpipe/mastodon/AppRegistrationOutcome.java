package io.authpipe.mastodon;

import java.time.Instant;

/** The answer to {@code POST /api/v1/apps}. */
public sealed interface AppRegistrationOutcome {
    /** The app exists; its credentials work for every user of the server. */
    record Registered(ClientCredentials credentials) implements AppRegistrationOutcome { }

    /** The server throttles registrations (5 per 10 minutes per IP); try again at {@code until}. */
    record Throttled(Instant until) implements AppRegistrationOutcome { }

    /** The server refused the registration (422); {@code message} is the server's text. Not retryable. */
    record Rejected(int status, String message) implements AppRegistrationOutcome { }
}
