package io.authpipe.broker.vault;

import io.authpipe.events.CredentialUpdated;
import io.authpipe.events.ExpiryTimer;
import io.authpipe.events.Revocation;
import io.authpipe.events.StoredCredential;
import java.util.Optional;

/** What the vault does with one connection event: the result of {@link CredentialLifecycle#apply}. */
public sealed interface Decision {

    /** The event changes the connection: store {@code next}, publish, maybe revoke, maybe (re)schedule a refresh. */
    record Accepted(StoredCredential next, Optional<Revocation> revocation, TimerChange timer) implements Decision {
    }

    /**
     * The connection's secrets were resealed under a new key: store {@code next}; nothing public changed. The refresh
     * timer, which carries the sealed tokens too, is sent again.
     */
    record Resealed(StoredCredential next, TimerChange timer) implements Decision {
    }

    /**
     * The event records something that is no change of the connection (when a health check ran and what it found):
     * store {@code next} and publish it on {@code credential-updated}, without a new version.
     */
    record Noted(StoredCredential next) implements Decision {
    }

    /** A reader asked for a refresh now: send an urgent timer; the connection itself does not change. */
    record RefreshNow(ExpiryTimer timer) implements Decision {
    }

    /**
     * The connection is gone for good: publish its last record ({@code lastUpdate}, status DELETED) and its
     * {@code revocation} (change DELETED), then delete it and publish tombstones for its key on every topic the
     * vault writes state to (credential-updated, expiry-timers, check-subjects).
     */
    record Erased(CredentialUpdated lastUpdate, Revocation revocation) implements Decision {
    }

    /** The event changes nothing: it is stale, a duplicate, or about a connection that does not exist. */
    record Rejected(String reason) implements Decision {
    }

    /** What happens to the connection's refresh timer on {@code authpipe.expiry-timers}. */
    sealed interface TimerChange {
        /** When the connection's next refresh is due after this change: the scheduled time, or none. */
        default java.time.Instant dueAt() {
            return this instanceof Schedule schedule ? schedule.timer().getDueAt() : null;
        }

        /** Nothing to do. */
        record Unchanged() implements TimerChange {
        }

        /** Schedule (or move) the timer. */
        record Schedule(ExpiryTimer timer) implements TimerChange {
        }

        /** Cancel the timer (a tombstone). */
        record Cancel() implements TimerChange {
        }
    }
}
