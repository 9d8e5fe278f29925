package io.authpipe.sdk.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The cache's counters: hits without atomics ({@link HitCounter}), the rarer events in {@link LongAdder}s. */
final class Counters {
    final HitCounter hits = new HitCounter();
    final LongAdder misses = new LongAdder();
    final LongAdder revalidations = new LongAdder();
    final LongAdder refreshes = new LongAdder();
    private final AtomicLong lastPushLagMillis = new AtomicLong(-1);
    private final AtomicLong maxPushLagMillis = new AtomicLong(-1);

    void pushLag(long millis) {
        long lag = Math.max(0, millis);
        lastPushLagMillis.set(lag);
        maxPushLagMillis.accumulateAndGet(lag, Math::max);
    }

    /** The latest push lag; null before the first pushed change was applied. */
    Duration lastPushLag() {
        return duration(lastPushLagMillis.get());
    }

    Duration maxPushLag() {
        return duration(maxPushLagMillis.get());
    }

    private static Duration duration(long millis) {
        return millis < 0 ? null : Duration.ofMillis(millis);
    }
}
