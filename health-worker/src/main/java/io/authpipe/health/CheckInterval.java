package io.authpipe.health;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When to check a connection next: the base interval scaled by a factor in [0.8, 1.2), so checks of connections
 * created together spread out instead of hitting an instance at once.
 */
record CheckInterval(Duration base, DoubleSupplier random) {
    Instant next(Instant now) {
        double factor = 0.8 + 0.4 * random.getAsDouble();
        return now.plusMillis((long) (base.toMillis() * factor));
    }
}
