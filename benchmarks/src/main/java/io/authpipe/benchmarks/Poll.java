package io.authpipe.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waiting in the benchmark: for a condition that only polling can see (offsets, meters), or for a wall-clock time. */
final class Poll {
    private Poll() {
    }

    /**
     * Checks {@code condition} every {@code interval} until it holds.
     *
     * @throws IllegalStateException if it does not hold within {@code timeout}
     */
    static void until(BooleanSupplier condition, Duration interval, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("gave up after " + timeout + " waiting for " + what);
            }
            pause(interval);
        }
    }

    /** Returns at {@code instant} (at once if it has passed). */
    static void sleepUntil(Instant instant) {
        Duration left = Duration.between(Instant.now(), instant);
        if (!left.isNegative()) {
            pause(left);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
