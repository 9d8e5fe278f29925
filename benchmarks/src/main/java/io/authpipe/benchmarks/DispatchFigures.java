package io.authpipe.benchmarks;

import java.time.Duration;
import java.util.Map;

/**
 * The dispatch phase of one size: K of the N timers published again due at one instant, the others still a day away.
 *
 * @param due           K, the timers made due
 * @param wall          from the due instant until the worker had a result for all K
 * @param lag           the worker's {@code authpipe.refresh.dispatch.lag}: due time to lease
 * @param resultLatency due time to result on the topic, exact
 * @param requests      the worker's {@code authpipe.refresh.request}: the token endpoint call
 * @param cpu           CPU from the due instant to the last result
 * @param idleCpu       CPU while the worker waited for the due instant, nothing due (after ingesting the K)
 * @param idleWall      how long that wait was
 * @param outcomes      {@code authpipe.refresh.results} counted in the phase, by outcome
 */
record DispatchFigures(int due, Duration wall, Percentiles lag, Percentiles resultLatency, Percentiles requests,
                       CpuUse cpu, CpuUse idleCpu, Duration idleWall, Map<String, Long> outcomes) {

    long refreshed() {
        return outcomes.getOrDefault(WorkerMeters.REFRESHED, 0L);
    }

    double refreshesPerSecond() {
        return refreshed() * 1e9 / Math.max(1, wall.toNanos());
    }

    /** Outcomes other than refreshed, e.g. {@code transient=3}; empty if none. */
    String otherOutcomes() {
        StringBuilder others = new StringBuilder();
        outcomes.forEach((outcome, count) -> {
            if (!outcome.equals(WorkerMeters.REFRESHED)) {
                others.append(others.isEmpty() ? "" : ", ").append(outcome).append('=').append(count);
            }
        });
        return others.toString();
    }
}
