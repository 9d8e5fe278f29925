package io.authpipe.sandbox.mastodon.internal.state;

import io.authpipe.sandbox.mastodon.RefreshFault;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code grant_type=refresh_token} requests of the token endpoint: the fault armed for the next few of them,
 * and counts of those received, of refreshes issued and of rotated refresh tokens replayed. Thread-safe.
 */
public final class RefreshTraffic {

    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger replays = new AtomicInteger();
    private RefreshFault armed;
    private int remaining;

    /** The next {@code times} requests meet {@code fault}; replaces whatever was armed, {@code 0} disarms. */
    public synchronized void arm(RefreshFault fault, int times) {
        Objects.requireNonNull(fault, "fault");
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative, was " + times);
        }
        armed = fault;
        remaining = times;
    }

    /** Counts one request and hands out the fault it meets, using up one of the armed times. */
    public synchronized Optional<RefreshFault> receive() {
        received.incrementAndGet();
        if (remaining == 0) {
            return Optional.empty();
        }
        remaining--;
        return Optional.of(armed);
    }

    /** Counts a refresh that issued tokens. */
    public void countIssued() {
        issued.incrementAndGet();
    }

    /** Counts a refresh token presented again after it was rotated away (its family was revoked). */
    public void countReplay() {
        replays.incrementAndGet();
    }

    /** Replays of rotated refresh tokens detected so far. */
    public int replays() {
        return replays.get();
    }

    /** Requests received so far. */
    public int received() {
        return received.get();
    }

    /** Refreshes issued so far. */
    public int issued() {
        return issued.get();
    }

    /** How many more requests will meet the armed fault. */
    public synchronized int faultsRemaining() {
        return remaining;
    }
}
