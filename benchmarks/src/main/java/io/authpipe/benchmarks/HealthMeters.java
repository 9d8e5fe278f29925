package io.authpipe.benchmarks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;

/** The health-worker's own meters, read in process (names as {@code io.authpipe.health.HealthMetrics} has them). */
final class HealthMeters {
    static final String HEALTHY = "healthy";
    static final String DISPATCH_LAG = "authpipe.health.dispatch.lag";
    static final String BUDGET_WAIT = "authpipe.health.budget.wait";
    static final String REQUEST = "authpipe.health.request";

    private final MeterRegistry registry;

    HealthMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code authpipe.health.connections.scheduled}: RocksDB's estimate of the schedule, updated every scan. */
    double scheduled() {
        Gauge gauge = registry.find("authpipe.health.connections.scheduled").gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    /** {@code authpipe.health.checks} by outcome, so far. */
    Map<String, Long> outcomes() {
        Map<String, Long> outcomes = new TreeMap<>();
        for (Counter counter : registry.find("authpipe.health.checks").counters()) {
            outcomes.merge(counter.getId().getTag("outcome"), Math.round(counter.count()), Long::sum);
        }
        return outcomes;
    }

    /** Checks so far, whatever their outcome. */
    long checks() {
        return outcomes().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * One of the worker's timers ({@link #DISPATCH_LAG}: due time to hand-over; {@link #BUDGET_WAIT}: hand-over to
     * start, waiting for an executor slot and the instance's budget; {@link #REQUEST}: opening the token and
     * {@code verify_credentials}), as Micrometer's percentile estimates over its two-minute window.
     */
    Percentiles percentiles(String timer) {
        return Percentiles.of(registry.find(timer).timer());
    }

    /** One of the worker's timers' running totals, for exact means over a phase. */
    TimerTotals totals(String timer) {
        return TimerTotals.of(registry.find(timer).timer());
    }
}
