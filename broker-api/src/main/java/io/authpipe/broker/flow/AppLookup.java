package io.authpipe.broker.flow;

import io.authpipe.mastodon.ClientCredentials;
import java.time.Instant;

/** The result of finding or registering the app a flow needs. */
public sealed interface AppLookup {
    /** An app exists (registered earlier or just now). */
    record Ready(AppRef ref, ClientCredentials credentials) implements AppLookup { }

    /** Registering now would exceed the instance's limit; possible again at {@code retryAt}. */
    record Deferred(Instant retryAt) implements AppLookup { }

    /** The instance refused the registration; {@code message} is its text. */
    record Refused(String message) implements AppLookup { }

    /** The instance could not be asked or gave no usable answer; {@code reason} says which, without a secret. */
    record Unavailable(String reason) implements AppLookup { }
}
