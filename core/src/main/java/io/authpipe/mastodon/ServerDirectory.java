package io.authpipe.mastodon;

import io.authpipe.core.instance.InstanceAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caches each instance's OAuth metadata for 15 minutes (Mastodon itself caches the document that long, MASTODON.md
 * §6). A failed discovery is not cached.
 */
public final class ServerDirectory {
    private static final Duration TTL = Duration.ofMinutes(15);

    private final MastodonClient mastodon;
    private final Clock clock;
    private final Map<InstanceAddress, Cached> cache = new ConcurrentHashMap<>();

    public ServerDirectory(MastodonClient mastodon, Clock clock) {
        this.mastodon = mastodon;
        this.clock = clock;
    }

    /** @throws io.authpipe.mastodon.InstanceUnavailableException when the instance cannot be asked */
    public ServerInfo lookup(InstanceAddress instance) {
        Instant now = clock.instant();
        Cached cached = cache.get(instance);
        if (cached != null && now.isBefore(cached.expiresAt())) {
            return cached.info();
        }
        ServerInfo info = mastodon.discover(instance);
        cache.put(instance, new Cached(info, now.plus(TTL)));
        return info;
    }

    private record Cached(ServerInfo info, Instant expiresAt) {
    }
}
