package io.authpipe.benchmarks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;

/** The refresh-worker's own meters, read in process (names as {@code io.authpipe.refresh.RefreshMetrics} has them). */
final class WorkerMeters {
    static final String REFRESHED = "refreshed";

    private final MeterRegistry registry;

    WorkerMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code authpipe.refresh.timers.pending}: RocksDB's estimate of the timers in the stores, updated every scan. */
    double pendingTimers() {
        Gauge gauge = registry.find("authpipe.refresh.timers.pending").gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    /** {@code authpipe.refresh.results} by outcome, so far. */
    Map<String, Long> outcomes() {
        Map<String, Long> outcomes = new TreeMap<>();
        for (Counter counter : registry.find("authpipe.refresh.results").counters()) {
            outcomes.merge(counter.getId().getTag("outcome"), Math.round(counter.count()), Long::sum);
        }
        return outcomes;
    }

    /** {@code authpipe.refresh.dispatch.lag}: from a timer's due time to the scan that leased it. */
    Percentiles dispatchLag() {
        return Percentiles.of(registry.find("authpipe.refresh.dispatch.lag").timer());
    }

    /** {@code authpipe.refresh.request}: the token endpoint request. */
    Percentiles requests() {
        return Percentiles.of(registry.find("authpipe.refresh.request").timer());
    }

    /** Outcomes in {@code now} beyond those in {@code before}. */
    static Map<String, Long> since(Map<String, Long> before, Map<String, Long> now) {
        Map<String, Long> delta = new TreeMap<>();
        now.forEach((outcome, count) -> {
            long added = count - before.getOrDefault(outcome, 0L);
            if (added != 0) {
                delta.put(outcome, added);
            }
        });
        return delta;
    }
}
