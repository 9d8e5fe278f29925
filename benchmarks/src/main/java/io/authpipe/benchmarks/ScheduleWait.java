package io.authpipe.benchmarks;

import java.time.Duration;

/**
 * Derived, not measured: how long a revocation nobody reports waits for the connection's next scheduled check. After
 * a check that answered, the health-worker sets the next one {@code interval × U} later, U uniform on [0.8, 1.2)
 * ({@code CheckCadence.afterAnswer}), so a connection's checks form a renewal process with gaps G = interval × U. A
 * revocation at a moment independent of the schedule falls into a gap with probability proportional to its length,
 * and waits for the rest of it: the residual life W, with density P(G > w) / E[G]. That is uniform up to 0.8 ×
 * interval (F(w) = w / interval, 80 % of the mass), then falls linearly to zero at 1.2 × interval. Mean
 * E[G²] / (2 E[G]) = interval × (1 + Var(U)) / 2 = interval × 0.5067.
 */
final class ScheduleWait {
    private static final double LOW = 0.8;
    private static final double SPREAD = 0.4;

    private ScheduleWait() {
    }

    static Duration mean(Duration interval) {
        double varianceOfU = SPREAD * SPREAD / 12;
        return scaled(interval, (1 + varianceOfU) / 2);
    }

    /** The {@code q}-quantile of the wait, {@code 0 < q <= 1}. */
    static Duration quantile(Duration interval, double q) {
        if (q <= LOW) {
            return scaled(interval, q);
        }
        // beyond 0.8: F = 0.8 + u - u² / (2 × 0.4) for w = (0.8 + u) × interval, solved for u
        double u = SPREAD * (1 - Math.sqrt(1 - (q - LOW) / (SPREAD / 2)));
        return scaled(interval, LOW + u);
    }

    static Duration max(Duration interval) {
        return scaled(interval, LOW + SPREAD);
    }

    private static Duration scaled(Duration interval, double factor) {
        return Duration.ofMillis(Math.round(interval.toMillis() * factor));
    }
}
