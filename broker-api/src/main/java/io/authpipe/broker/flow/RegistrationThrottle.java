package io.authpipe.broker.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps Authpipe under an instance's app-registration limit (Mastodon: 5 per 10 minutes per IP, rack-attack fixed
 * windows aligned to the Unix epoch, MASTODON.md §1, §8), so registrations are deferred instead of failing and
 * the broker's IP is not throttled for everyone. Also remembers a server's own 429 until its reset.
 * Per process; a deployment of several broker-api instances behind one IP should lower the limit accordingly.
 */
public final class RegistrationThrottle {
    /** Above this many instances remembered, windows past and blocks ended are forgotten. */
    private static final int FORGET_ABOVE = 10_000;

    private final int limit;
    private final Duration window;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Map<String, Instant> blockedUntil = new ConcurrentHashMap<>();

    public RegistrationThrottle(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    /** Takes a permit for {@code instance}; empty when granted, else when the next permit is available. */
    public synchronized Optional<Instant> tryAcquire(String instance, Instant now) {
        Instant blocked = blockedUntil.get(instance);
        if (blocked != null && now.isBefore(blocked)) {
            return Optional.of(blocked);
        }
        long index = now.toEpochMilli() / window.toMillis();
        forgetStale(index, now);
        Window current = windows.compute(instance, (k, w) -> w == null || w.index != index ? new Window(index, 0) : w);
        if (current.used >= limit) {
            return Optional.of(Instant.ofEpochMilli((index + 1) * window.toMillis()));
        }
        windows.put(instance, new Window(index, current.used + 1));
        return Optional.empty();
    }

    /** The server said 429: no registrations on {@code instance} before {@code until}. */
    public void blockUntil(String instance, Instant until) {
        blockedUntil.merge(instance, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    private void forgetStale(long index, Instant now) {
        if (windows.size() > FORGET_ABOVE) {
            windows.values().removeIf(w -> w.index != index);
        }
        if (blockedUntil.size() > FORGET_ABOVE) {
            blockedUntil.values().removeIf(until -> !now.isBefore(until));
        }
    }

    private record Window(long index, int used) {
    }
}
