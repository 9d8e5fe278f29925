package io.authpipe.benchmarks;

import java.time.Duration;
import java.util.Map;

/**
 * Every scheduled connection due at once: the worker's clock stepped past the latest first check, the phase ends when
 * all N have been checked. Times are from the step.
 *
 * @param due        N, the connections due
 * @param first      until the first check counted
 * @param tenth      until 10 % of N were checked
 * @param ninetieth  until 90 % were
 * @param wall       until all N were
 * @param cpu        CPU over {@code wall}
 * @param sandboxCpu CPU of the sandbox's Jetty threads over {@code wall}: the test double's share of {@code cpu}'s
 *                   process figure
 * @param budgetWait {@code authpipe.health.budget.wait} at the end: hand-over to start, mostly waiting for an
 *                   executor slot behind up to {@code AUTHPIPE_HEALTH_MAX_QUEUED} handed-over checks
 * @param request    {@code authpipe.health.request} at the end: opening the token and {@code verify_credentials}
 * @param outcomes   {@code authpipe.health.checks} counted in the phase, by outcome
 */
record BurstFigures(int due, Duration first, Duration tenth, Duration ninetieth, Duration wall, CpuUse cpu,
                    long sandboxCpu, Percentiles budgetWait, Percentiles request, Map<String, Long> outcomes) {

    BurstFigures {
        outcomes = Map.copyOf(outcomes);
    }

    /** Checks per second from 10 % to 90 % of N: the rate the worker sustains, without ramp-up and tail. */
    double sustainedPerSecond() {
        return 0.8 * due * 1e9 / Math.max(1, ninetieth.minus(tenth).toNanos());
    }

    /** N over the whole phase. */
    double overallPerSecond() {
        return due * 1e9 / Math.max(1, wall.toNanos());
    }

    /** Outcomes other than healthy, e.g. {@code instance_unavailable=3}; empty if none. */
    String otherOutcomes() {
        StringBuilder others = new StringBuilder();
        outcomes.forEach((outcome, count) -> {
            if (!outcome.equals(HealthMeters.HEALTHY)) {
                others.append(others.isEmpty() ? "" : ", ").append(outcome).append('=').append(count);
            }
        });
        return others.toString();
    }
}
