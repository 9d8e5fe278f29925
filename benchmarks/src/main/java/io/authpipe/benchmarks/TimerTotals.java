package io.authpipe.benchmarks;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Micrometer timer's running count and total, which (unlike its percentiles) are not windowed: the difference of two
 * gives the exact mean of what was recorded in between.
 *
 * @param count      samples so far
 * @param totalNanos their sum
 */
record TimerTotals(long count, double totalNanos) {
    static final TimerTotals NONE = new TimerTotals(0, 0);

    static TimerTotals of(Timer timer) {
        return timer == null ? NONE : new TimerTotals(timer.count(), timer.totalTime(TimeUnit.NANOSECONDS));
    }

    /** Samples recorded since {@code earlier}. */
    long countSince(TimerTotals earlier) {
        return count - earlier.count;
    }

    /** The mean of the samples recorded since {@code earlier}; zero if none were. */
    Duration meanSince(TimerTotals earlier) {
        long samples = countSince(earlier);
        return samples <= 0 ? Duration.ZERO : Duration.ofNanos(Math.round((totalNanos - earlier.totalNanos) / samples));
    }
}
