package io.authpipe.benchmarks;

import java.time.Duration;

/**
 * What one size of {@link HealthWorkerScaleReport} measured.
 *
 * @param connections    N, the connections scheduled
 * @param maxInFlight    the worker's {@code AUTHPIPE_HEALTH_MAX_IN_FLIGHT}
 * @param maxPerInstance its {@code AUTHPIPE_HEALTH_MAX_PER_INSTANCE}
 * @param load           writing N check subjects and the worker ingesting them; changelogs right after ingest, state
 *                       after the worker closed
 * @param idleCpu        CPU while N were scheduled and none due
 * @param idleWall       how long that was
 * @param burst          all N due at once
 * @param steady         scheduled checks falling due in a steady flow
 * @param detection      a token revoked and a check requested for it (a 401 reported), to the {@code REVOKED}
 *                       result's record timestamp: exact, one sample per probe
 */
record HealthScaleResult(int connections, int maxInFlight, int maxPerInstance, LoadFigures load, CpuUse idleCpu,
                         Duration idleWall, BurstFigures burst, SteadyFigures steady, Percentiles detection) {

    /** These figures with the size of the worker's state, known once it has closed. */
    HealthScaleResult withStateBytes(long stateBytes) {
        return new HealthScaleResult(connections, maxInFlight, maxPerInstance,
                load.withStoredBytes(stateBytes, load.changelogBytes()), idleCpu, idleWall, burst, steady, detection);
    }
}
