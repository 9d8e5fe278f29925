package io.authpipe.health;

import io.authpipe.events.CheckRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Check requests that arrived before their connection did: {@code authpipe.check-requests} and the vault's
 * {@code authpipe.check-subjects} are read independently, so a service reporting a token refused right after the
 * connection was made can be ahead of it. Such a request is held for {@code hold} and applied when the connection
 * arrives; at most {@code capacity} are held (the oldest go first), in memory only: a restart forgets them, and the
 * connection's scheduled checks still come.
 */
final class EarlyRequests {
    private final Duration hold;
    private final int capacity;
    private final Map<String, Held> held = new LinkedHashMap<>();

    private record Held(CheckRequest request, Instant arrivedAt) {
    }

    EarlyRequests(Duration hold, int capacity) {
        this.hold = hold;
        this.capacity = capacity;
    }

    void hold(String key, CheckRequest request, Instant now) {
        held.remove(key);
        held.put(key, new Held(request, now));
        if (held.size() > capacity) {
            held.remove(held.keySet().iterator().next());
        }
    }

    /** The request held for {@code key}, if it arrived within {@code hold} of {@code now}; forgotten either way. */
    Optional<CheckRequest> take(String key, Instant now) {
        Held early = held.remove(key);
        return early == null || early.arrivedAt().plus(hold).isBefore(now) ? Optional.empty()
                : Optional.of(early.request());
    }
}
