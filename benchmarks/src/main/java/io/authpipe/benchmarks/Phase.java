package io.authpipe.benchmarks;

import java.time.Duration;

/**
 * One measured step of the KMS-call report.
 *
 * @param scenario  what was set up, e.g. {@code 10 tenants}
 * @param step      what was done, e.g. {@code read all, fresh vault (cold)}
 * @param envelopes envelopes sealed or opened (0 for key management)
 * @param wall      wall time of the step, KMS round trips included
 * @param calls     requests the KMS received during the step
 */
record Phase(String scenario, String step, long envelopes, Duration wall, KmsCalls calls) {

    /** Envelopes per second of wall time; 0 for a step without envelopes. */
    long envelopesPerSecond() {
        long nanos = Math.max(1, wall.toNanos());
        return envelopes == 0 ? 0 : Math.round(envelopes * 1e9 / nanos);
    }

    /** Both steps as one, named {@code step}. */
    Phase then(Phase next, String step) {
        return new Phase(scenario, step, envelopes + next.envelopes, wall.plus(next.wall), calls.plus(next.calls));
    }
}
