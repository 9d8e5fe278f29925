package io.authpipe.sdk.internal;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Reconnect delays: 0.5 s doubling to 30 s, each drawn from the upper half of its step ("equal jitter") so that a
 * fleet dropped at once does not return at once. {@link #reset()} after a successful connect.
 */
final class Backoff {
    private static final long FIRST_MILLIS = 500;
    private static final long CAP_MILLIS = 30_000;

    private final LongUnaryOperator random;
    private int failures;

    /** {@code random.applyAsLong(bound)} returns a value in {@code [0, bound)}. */
    Backoff(LongUnaryOperator random) {
        this.random = random;
    }

    Duration next() {
        long step = Math.min(CAP_MILLIS, FIRST_MILLIS << Math.min(failures, 16));
        failures++;
        return Duration.ofMillis(step / 2 + random.applyAsLong(step / 2 + 1));
    }

    void reset() {
        failures = 0;
    }
}
