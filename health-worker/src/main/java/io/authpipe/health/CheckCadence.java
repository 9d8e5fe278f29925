package io.authpipe.health;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When a connection is checked.
 *
 * @param interval        the normal time between checks; each is scaled by a random factor in [0.8, 1.2) so
 *                        connections created together spread out instead of hitting an instance at once (a new
 *                        connection's first check: [0.5, 1.5) of it)
 * @param retryBase       after a check that said nothing (instance unavailable, rate limited) the next comes this
 *                        soon, doubling per such check in a row, up to the interval
 * @param minGap          the least time between two checks of one connection, however many are requested: keeps
 *                        a noisy consumer from spending the token's own rate limit (300 / 5 min)
 * @param inFlightTimeout a check handed to the network that reports nothing within this (the worker stopped) is
 *                        taken again after it
 */
public record CheckCadence(Duration interval, Duration retryBase, Duration minGap, Duration inFlightTimeout) {

    public CheckCadence {
        for (Duration d : new Duration[] {interval, retryBase, minGap, inFlightTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("check cadence durations must be positive");
            }
        }
    }

    /** The first check of a connection the worker has just learnt of. */
    Instant first(Instant now, DoubleSupplier random) {
        return now.plus(scaled(interval, 0.5 + random.getAsDouble()));
    }

    /** After a check that answered (healthy, or a transition). */
    Instant afterAnswer(Instant now, DoubleSupplier random) {
        return now.plus(scaled(interval, 0.8 + 0.4 * random.getAsDouble()));
    }

    /** After the {@code inRow}-th check in a row that said nothing, not before {@code notBefore} (a 429's reset). */
    Instant afterAmbiguous(Instant now, int inRow, Instant notBefore, DoubleSupplier random) {
        Duration backoff = retryBase.multipliedBy(1L << Math.min(Math.max(inRow - 1, 0), 20));
        Duration wait = scaled(backoff.compareTo(interval) > 0 ? interval : backoff, 0.8 + 0.4 * random.getAsDouble());
        Instant next = now.plus(wait);
        return next.isBefore(notBefore) ? notBefore : next;
    }

    /** A requested check: now, unless the connection was checked less than {@link #minGap} ago. */
    Instant requested(Instant now, Instant lastCheckAt) {
        Instant earliest = lastCheckAt == null ? now : lastCheckAt.plus(minGap);
        return earliest.isAfter(now) ? earliest : now;
    }

    private static Duration scaled(Duration base, double factor) {
        return Duration.ofMillis((long) (base.toMillis() * factor));
    }
}
