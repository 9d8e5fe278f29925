package io.authpipe.refresh.attempt;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When to retry after a transient failure: exponential from {@code base}, capped at {@code cap}, with "equal jitter"
 * (half the delay fixed, half random) so connections that failed together do not retry together and no retry comes
 * much earlier than planned. A server-given time (Retry-After, X-RateLimit-Reset) is honoured and spread by up to a
 * tenth of the wait (at most {@code base}), so a fleet throttled until the same instant does not return at once.
 */
public record Backoff(Duration base, Duration cap, RandomGenerator random) {

    public Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff base must be positive and not above the cap");
        }
    }

    /** After {@code failures} failures in a row (1 for the first). */
    public Instant retryAt(int failures, Instant now) {
        long exponent = Math.min(Math.max(failures - 1, 0), 30);
        long delay = Math.min(cap.toMillis(), base.toMillis() << Math.min(exponent, 20));
        long half = delay / 2;
        return now.plusMillis(half + random.nextLong(half + 1));
    }

    /** Not before {@code serverSays}. */
    public Instant notBefore(Instant serverSays, Instant now) {
        Instant from = serverSays.isAfter(now) ? serverSays : now;
        long spread = Math.min(base.toMillis(), Math.max(Duration.between(now, from).toMillis() / 10, 1));
        return from.plusMillis(random.nextLong(spread + 1));
    }
}
