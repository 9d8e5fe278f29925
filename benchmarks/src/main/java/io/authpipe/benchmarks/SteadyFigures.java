package io.authpipe.benchmarks;

import java.time.Duration;

/**
 * Scheduled checks falling due one by one, each at its own time, with nothing overdue: the worker's clock stepped to
 * just before the earliest next check after the burst, then a window of real time. What a connection's check costs
 * from its due time to its result, without queueing behind a backlog.
 *
 * @param window      the span measured
 * @param checks      checks counted in it
 * @param cpu         CPU over it
 * @param lag         {@code authpipe.health.dispatch.lag}: due time to hand-over (the scan's period)
 * @param budgetWait  {@code authpipe.health.budget.wait}: hand-over to start
 * @param request     {@code authpipe.health.request}: opening the token and {@code verify_credentials}
 * @param lagMean     exact mean of the lag samples of the window (percentiles are Micrometer's estimates)
 * @param waitMean    likewise, budget wait
 * @param requestMean likewise, request
 */
record SteadyFigures(Duration window, long checks, CpuUse cpu, Percentiles lag, Percentiles budgetWait,
                     Percentiles request, Duration lagMean, Duration waitMean, Duration requestMean) {

    double checksPerSecond() {
        return checks * 1e9 / Math.max(1, window.toNanos());
    }

    /** Due time to the result's record timestamp, on average: the three stages' means (publishing adds its ack). */
    Duration pipelineMean() {
        return lagMean.plus(waitMean).plus(requestMean);
    }
}
