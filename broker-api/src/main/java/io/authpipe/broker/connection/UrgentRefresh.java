package io.authpipe.broker.connection;

import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.StoredCredential;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks for a refresh now when a reader finds a live connection's token expired: one {@code RefreshRequested} per
 * connection version and cooldown from this instance, however many readers ask (the refresh-worker adds its own
 * single flight per connection version). A reader may wait, bounded, for the refreshed credential.
 */
public final class UrgentRefresh {
    private static final int FORGET_ABOVE = 10_000;

    private final ConnectionWriter writer;
    private final Duration cooldown;
    private final Clock clock;
    private final Map<String, Instant> askedAt = new ConcurrentHashMap<>();

    public UrgentRefresh(ConnectionWriter writer, Duration cooldown, Clock clock) {
        this.writer = writer;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    /** Asks for a refresh of this version unless this instance asked within the cooldown; true if it asked now. */
    public boolean request(ConnectionKey key, long version) {
        Instant now = clock.instant();
        if (askedAt.size() > FORGET_ABOVE) {
            askedAt.values().removeIf(at -> at.plus(cooldown).isBefore(now));
        }
        String asked = key.asKafkaKey() + '#' + version;
        boolean[] ask = {false};
        askedAt.compute(asked, (k, at) -> {
            ask[0] = at == null || !at.plus(cooldown).isAfter(now);
            return ask[0] ? now : at;
        });
        if (ask[0]) {
            writer.refreshRequested(key, version);
        }
        return ask[0];
    }

    /** The connection once it moved past {@code version} (refreshed, or changed otherwise), within {@code wait}. */
    public Optional<StoredCredential> awaitNewerThan(ConnectionKey key, long version, Duration wait) {
        return wait.isZero() ? Optional.empty() : writer.awaitNewerThan(key, version, wait);
    }
}
