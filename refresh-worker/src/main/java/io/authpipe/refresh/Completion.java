package io.authpipe.refresh;

import io.authpipe.events.EncryptedSecret;
import java.time.Instant;
import java.util.Optional;

/** How a {@link RefreshJob} ended, as far as the schedule needs to know. */
public sealed interface Completion {
    String connectionKey();

    long version();

    /**
     * The result (new tokens sealed, or a failure) is durably on {@code authpipe.connection-events}: the vault will
     * apply it and send the next timer; this version must not be refreshed again.
     *
     * @param issued the tokens a refresh obtained, when they expire (so the vault answers them with a next timer):
     *               kept until the vault applies them, and revoked at the provider if it never does
     */
    record Answered(String connectionKey, long version, Optional<Issued> issued) implements Completion {
        public Answered(String connectionKey, long version) {
            this(connectionKey, version, Optional.empty());
        }
    }

    /**
     * Tokens the provider issued to a refresh, sealed as published: what to revoke if the connection is gone by the
     * time the result arrives (the job carries the app, the instance and the tenant's keys).
     */
    record Issued(RefreshJob job, EncryptedSecret accessToken, EncryptedSecret refreshToken) {
        @Override
        public String toString() {
            return "Issued[connection=" + job.connectionKey() + ", version=" + job.version() + "]";
        }
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
