package io.authpipe.refresh.attempt;

import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.mastodon.MastodonClient;
import io.authpipe.mastodon.ServerInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each instance's OAuth endpoints (discovery, MASTODON.md §6), kept for an hour: refreshing many connections of one
 * instance costs one discovery. Thread-safe; a failed discovery throws and is not cached.
 */
final class ServerCache {
    private static final Duration TTL = Duration.ofHours(1);

    private record Entry(ServerInfo server, Instant fetchedAt) {
    }

    private final MastodonClient mastodon;
    private final Clock clock;
    private final Map<InstanceAddress, Entry> servers = new ConcurrentHashMap<>();

    ServerCache(MastodonClient mastodon, Clock clock) {
        this.mastodon = mastodon;
        this.clock = clock;
    }

    ServerInfo serverFor(InstanceAddress instance) {
        Instant now = clock.instant();
        Entry entry = servers.get(instance);
        if (entry == null || entry.fetchedAt().plus(TTL).isBefore(now)) {
            entry = new Entry(mastodon.discover(instance), now);
            servers.put(instance, entry);
        }
        return entry.server();
    }
}
