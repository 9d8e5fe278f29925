package io.authpipe.refresh;

import java.time.Instant;

/** How a {@link RefreshJob} ended, as far as the schedule needs to know. */
public sealed interface Completion {
    String connectionKey();

    long version();

    /**
     * The result (new tokens sealed, or a failure) is durably on {@code authpipe.connection-events}: the vault will
     * apply it and send the next timer; this version must not be refreshed again.
     */
    record Answered(String connectionKey, long version) implements Completion {
    }

    /**
     * A refresh may have reached the server but its outcome is still unknown (the probe could not tell yet): probe
     * again at {@code retryAt}; never send the refresh token blindly.
     */
    record Inconclusive(String connectionKey, long version, Instant retryAt) implements Completion {
    }

    /** Nothing reached the server (the key service was unavailable, for example): refresh again at {@code retryAt}. */
    record NotSent(String connectionKey, long version, Instant retryAt) implements Completion {
    }
}
