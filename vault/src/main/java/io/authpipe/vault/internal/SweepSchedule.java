package io.authpipe.vault.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** Lets one caller at most once per interval sweep a cache for expired entries. Thread-safe. */
final class SweepSchedule {
    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final AtomicReference<Instant> next;

    SweepSchedule(Instant now) {
        this.next = new AtomicReference<>(now.plus(INTERVAL));
    }

    /** True for exactly one caller once the interval has passed since the last sweep. */
    boolean claim(Instant now) {
        Instant due = next.get();
        return !now.isBefore(due) && next.compareAndSet(due, now.plus(INTERVAL));
    }
}
