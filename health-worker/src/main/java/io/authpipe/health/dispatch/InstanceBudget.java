package io.authpipe.health.dispatch;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket for one instance: {@code perWindow} checks per window, refilled continuously, with a burst of a
 * thirtieth of the window's budget. It can be paused (until a 429's reset) or paced (spread the checks a shared limit
 * has left over the time until its reset, so it is never exceeded). Not thread-safe: the executor's lock guards it.
 */
final class InstanceBudget {
    private final double perMilli;
    private final double capacity;
    private double tokens;
    private Instant refilledAt;
    private Instant pausedUntil = Instant.EPOCH;
    private Instant pacedUntil = Instant.EPOCH;
    private double pacedPerMilli;

    InstanceBudget(int perWindow, Duration window, Instant now) {
        this.perMilli = (double) perWindow / window.toMillis();
        this.capacity = Math.max(1, perWindow / 30);
        this.tokens = capacity;
        this.refilledAt = now;
    }

    /** Takes one check's worth if there is one now. */
    boolean tryTake(Instant now) {
        refill(now);
        if (now.isBefore(pausedUntil) || tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** How long until {@link #tryTake} can succeed. */
    Duration untilNext(Instant now) {
        refill(now);
        if (now.isBefore(pausedUntil)) {
            return Duration.between(now, pausedUntil);
        }
        return tokens >= 1 ? Duration.ZERO : Duration.ofMillis((long) Math.ceil((1 - tokens) / rate(now)));
    }

    /** Checks left now (rounded down). */
    int available(Instant now) {
        refill(now);
        return now.isBefore(pausedUntil) ? 0 : (int) tokens;
    }

    /** Nothing goes out before {@code until} (the instance answered 429). */
    void pauseUntil(Instant until) {
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
            tokens = 0;
        }
    }

    /** Until {@code reset}, no faster than {@code remaining} checks over the time left. */
    void paceUntil(Instant reset, int remaining, Instant now) {
        long left = Math.max(1, Duration.between(now, reset).toMillis());
        pacedPerMilli = Math.min(perMilli, (double) remaining / left);
        pacedUntil = reset;
        tokens = Math.min(tokens, 1);
    }

    private double rate(Instant now) {
        return now.isBefore(pacedUntil) ? Math.max(pacedPerMilli, 1e-9) : perMilli;
    }

    private void refill(Instant now) {
        long elapsed = Duration.between(refilledAt, now).toMillis();
        if (elapsed > 0) {
            double cap = now.isBefore(pacedUntil) ? 1 : capacity;
            tokens = Math.min(cap, tokens + elapsed * rate(now));
            refilledAt = now;
        }
    }
}
