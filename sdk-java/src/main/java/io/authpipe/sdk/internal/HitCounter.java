package io.authpipe.sdk.internal;

/**
 * Counts cache hits without an atomic instruction (a {@code LongAdder} increment, a locked CAS, costs more than the
 * rest of a hit): plain increments into stripes chosen by the calling thread, each stripe on a cache line of its own.
 * Exact while no two threads share a stripe; two that do may lose an increment when they collide. A metric, not an
 * account.
 */
final class HitCounter {
    private static final int STRIPES = 64;
    private static final int PADDING = 8;

    private final long[] stripes = new long[STRIPES * PADDING];

    void increment() {
        stripes[((int) Thread.currentThread().getId() & (STRIPES - 1)) * PADDING]++;
    }

    long sum() {
        long sum = 0;
        for (int i = 0; i < STRIPES; i++) {
            sum += stripes[i * PADDING];
        }
        return sum;
    }
}
