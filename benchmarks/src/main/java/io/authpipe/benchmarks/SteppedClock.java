package io.authpipe.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The health-worker's clock in {@link HealthWorkerScaleReport}: the system clock plus an offset that only moves
 * forward ({@link #advance}), so a run can skip the quiet quarter of an hour before a new connection's first check
 * instead of waiting for it. Between steps it runs at the system clock's rate, so durations the worker measures with
 * it (budget wait, request) are real. Only the worker reads it: Kafka, the sandbox, Micrometer's windows and every
 * latency the report measures itself stay on the system clock. Thread-safe.
 */
final class SteppedClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    /** Moves this clock {@code step} ahead of where it would be. */
    void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("the worker's clock only moves forward, not by " + step);
        }
        offset = offset.plus(step);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the worker's clock is UTC");
    }
}
