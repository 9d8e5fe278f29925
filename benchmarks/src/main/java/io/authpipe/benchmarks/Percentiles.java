package io.authpipe.benchmarks;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A latency distribution in brief.
 *
 * @param count how many samples
 * @param p50   median
 * @param p99   99th percentile
 * @param max   largest sample
 */
record Percentiles(long count, Duration p50, Duration p99, Duration max) {
    static final Percentiles NONE = new Percentiles(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /**
     * From a Micrometer timer published with percentiles 0.5 and 0.99. Those are estimates over the registry's
     * rolling window (two minutes by default), so take the snapshot right after the samples of interest.
     */
    static Percentiles of(Timer timer) {
        if (timer == null) {
            return NONE;
        }
        HistogramSnapshot snapshot = timer.takeSnapshot();
        return new Percentiles(snapshot.count(), percentile(snapshot, 0.5), percentile(snapshot, 0.99),
                nanos(snapshot.max(TimeUnit.NANOSECONDS)));
    }

    /** Exact, nearest-rank, from every sample. */
    static Percentiles of(List<Duration> samples) {
        if (samples.isEmpty()) {
            return NONE;
        }
        long[] sorted = samples.stream().mapToLong(Duration::toNanos).sorted().toArray();
        return new Percentiles(sorted.length, Duration.ofNanos(rank(sorted, 0.5)), Duration.ofNanos(rank(sorted, 0.99)),
                Duration.ofNanos(sorted[sorted.length - 1]));
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static Duration percentile(HistogramSnapshot snapshot, double quantile) {
        return Arrays.stream(snapshot.percentileValues()).filter(value -> value.percentile() == quantile)
                .findFirst().map(value -> nanos(value.value(TimeUnit.NANOSECONDS)))
                .orElseThrow(() -> new IllegalStateException("the timer does not publish percentile " + quantile));
    }

    private static Duration nanos(double nanos) {
        return Duration.ofNanos(Math.round(nanos));
    }
}
