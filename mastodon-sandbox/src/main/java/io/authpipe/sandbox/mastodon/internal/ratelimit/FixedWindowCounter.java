package io.authpipe.sandbox.mastodon.internal.ratelimit;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rack::Attack's cache counter: fixed windows aligned to the Unix epoch, window index
 * {@code floor(epochSeconds / periodSeconds)} ({@code MASTODON.md} §8). Thread-safe; stale windows are dropped, at
 * most once per throttle and window (a sweep per request would cost every request the size of the table).
 */
public final class FixedWindowCounter {

    private static final int PRUNE_THRESHOLD = 10_000;

    private final Map<Key, AtomicLong> counts = new ConcurrentHashMap<>();
    /** Per throttle, the window whose stale predecessors were last dropped. */
    private final Map<String, Long> prunedUpTo = new ConcurrentHashMap<>();

    private record Key(String throttle, String discriminator, long window) {
    }

    /** Counts one request for {@code discriminator} under {@code throttle} at {@code now}. */
    public ThrottleHit hit(Throttle throttle, String discriminator, Instant now) {
        long window = windowOf(throttle, now);
        if (counts.size() > PRUNE_THRESHOLD && window > prunedUpTo.getOrDefault(throttle.name(), Long.MIN_VALUE)) {
            prune(throttle, window);
        }
        long count = counts.computeIfAbsent(new Key(throttle.name(), discriminator, window), k -> new AtomicLong())
                .incrementAndGet();
        return new ThrottleHit(throttle, count);
    }

    /** Counters held (current and not yet dropped windows). */
    int size() {
        return counts.size();
    }

    private static long windowOf(Throttle throttle, Instant now) {
        return Math.floorDiv(now.getEpochSecond(), throttle.period().getSeconds());
    }

    private void prune(Throttle throttle, long current) {
        prunedUpTo.merge(throttle.name(), current, Math::max);
        counts.keySet().removeIf(key -> key.throttle().equals(throttle.name()) && key.window() < current);
    }
}
