package io.authpipe.mastodon;

import io.authpipe.core.instance.InstanceAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What Authpipe knows about each instance, asked once and kept: its OAuth metadata for 15 minutes (Mastodon itself
 * caches the document that long, MASTODON.md §6) and its LOCAL_DOMAIN, the domain of its users' handles, for an hour
 * (§9). A failed lookup is not kept. Each cache holds at most {@link #DEFAULT_CAPACITY} instances (instances are
 * outside input), dropping the least recently used. Thread-safe.
 */
public final class ServerDirectory {
    private static final Duration METADATA_TTL = Duration.ofMinutes(15);
    private static final Duration LOCAL_DOMAIN_TTL = Duration.ofHours(1);

    static final int DEFAULT_CAPACITY = 10_000;

    private final MastodonClient mastodon;
    private final Clock clock;
    private final Map<InstanceAddress, Cached<ServerInfo>> metadata;
    private final Map<InstanceAddress, Cached<String>> localDomains;

    public ServerDirectory(MastodonClient mastodon, Clock clock) {
        this(mastodon, clock, DEFAULT_CAPACITY);
    }

    ServerDirectory(MastodonClient mastodon, Clock clock, int capacity) {
        this.mastodon = mastodon;
        this.clock = clock;
        this.metadata = leastRecentlyUsed(capacity);
        this.localDomains = leastRecentlyUsed(capacity);
    }

    /** @throws io.authpipe.mastodon.InstanceUnavailableException when the instance cannot be asked */
    public ServerInfo lookup(InstanceAddress instance) {
        return cached(metadata, instance, METADATA_TTL, mastodon::discover);
    }

    /** @throws io.authpipe.mastodon.InstanceUnavailableException when the instance cannot be asked */
    public String localDomain(InstanceAddress instance) {
        return cached(localDomains, instance, LOCAL_DOMAIN_TTL, mastodon::localDomain);
    }

    private <T> T cached(Map<InstanceAddress, Cached<T>> cache, InstanceAddress instance, Duration ttl,
                         Function<InstanceAddress, T> ask) {
        Instant now = clock.instant();
        Cached<T> cached;
        synchronized (cache) {
            cached = cache.get(instance);
        }
        if (cached != null && now.isBefore(cached.expiresAt())) {
            return cached.value();
        }
        T value = ask.apply(instance); // outside the lock: one slow instance does not hold up the others
        synchronized (cache) {
            cache.put(instance, new Cached<>(value, now.plus(ttl)));
        }
        return value;
    }

    private static <T> Map<InstanceAddress, Cached<T>> leastRecentlyUsed(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InstanceAddress, Cached<T>> eldest) {
                return size() > capacity;
            }
        };
    }

    private record Cached<T>(T value, Instant expiresAt) {
    }
}
