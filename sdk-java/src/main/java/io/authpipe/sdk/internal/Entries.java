package io.authpipe.sdk.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cached entries, provider → userId → entry, so a lookup builds no key object. Bounded: when an insert takes the
 * count above {@code maxEntries}, the least recently used entries go, down to 1% below the bound (one scan and sort
 * per hundredth of the bound, not per insert).
 */
final class Entries {
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, CacheEntry>> byProvider =
            new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int maxEntries;
    private final LongAdder evictions = new LongAdder();
    private volatile ProviderMap[] providers = new ProviderMap[0];

    Entries(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    CacheEntry get(String provider, String userId) {
        ConcurrentHashMap<String, CacheEntry> users = usersOf(provider);
        return users == null ? null : users.get(userId);
    }

    /**
     * The provider's map. Providers are a handful of constants, kept in a small array as well: a lookup compares by
     * identity (the caller's constant), then by value, and a hit costs one hash lookup instead of two, with no write.
     */
    private ConcurrentHashMap<String, CacheEntry> usersOf(String provider) {
        ProviderMap[] known = providers;
        for (ProviderMap p : known) {
            if (p.provider() == provider) {
                return p.users();
            }
        }
        for (ProviderMap p : known) {
            if (p.provider().equals(provider)) {
                return p.users();
            }
        }
        return null;
    }

    private ConcurrentHashMap<String, CacheEntry> usersOrNew(String provider) {
        ConcurrentHashMap<String, CacheEntry> users = usersOf(provider);
        return users != null ? users : addProvider(provider);
    }

    private synchronized ConcurrentHashMap<String, CacheEntry> addProvider(String provider) {
        ConcurrentHashMap<String, CacheEntry> users = byProvider.computeIfAbsent(provider,
                p -> new ConcurrentHashMap<>());
        if (usersOf(provider) == null) {
            ProviderMap[] more = Arrays.copyOf(providers, providers.length + 1);
            more[providers.length] = new ProviderMap(provider.intern(), users);
            providers = more;
        }
        return users;
    }

    /**
     * Stores {@code next} unless the entry held has a higher version; returns the entry held afterwards (which may be
     * a newer one than {@code next}).
     */
    CacheEntry putIfNewer(String provider, String userId, CacheEntry next) {
        boolean[] added = new boolean[1];
        CacheEntry held = usersOrNew(provider).compute(userId, (id, old) -> {
                    added[0] = old == null;
                    return old == null || next.version() >= old.version() ? next : old;
                });
        if (added[0] && size.incrementAndGet() > maxEntries) {
            evictLeastRecentlyUsed();
        }
        return held;
    }

    void remove(String provider, String userId) {
        ConcurrentHashMap<String, CacheEntry> users = byProvider.get(provider);
        if (users != null && users.remove(userId) != null) {
            size.decrementAndGet();
        }
    }

    void markAllStale() {
        byProvider.values().forEach(users -> users.values().forEach(CacheEntry::markStale));
    }

    int size() {
        return size.get();
    }

    long evictions() {
        return evictions.sum();
    }

    private synchronized void evictLeastRecentlyUsed() {
        int excess = size.get() - maxEntries;
        if (excess <= 0) {
            return;
        }
        List<Candidate> candidates = snapshot();
        candidates.sort(Comparator.comparingLong(Candidate::lastUsedMillis));
        int target = Math.min(candidates.size(), excess + maxEntries / 100);
        for (Candidate c : candidates.subList(0, target)) {
            if (byProvider.get(c.provider()).remove(c.userId(), c.entry())) {
                size.decrementAndGet();
                evictions.increment();
            }
        }
    }

    private List<Candidate> snapshot() {
        List<Candidate> candidates = new ArrayList<>(size.get() + 16);
        for (Map.Entry<String, ConcurrentHashMap<String, CacheEntry>> provider : byProvider.entrySet()) {
            provider.getValue().forEach((userId, entry) ->
                    candidates.add(new Candidate(provider.getKey(), userId, entry, entry.lastUsedMillis)));
        }
        return candidates;
    }

    private record ProviderMap(String provider, ConcurrentHashMap<String, CacheEntry> users) {
    }

    /** An entry with its LRU tick read once, so that the sort sees a fixed order. */
    private record Candidate(String provider, String userId, CacheEntry entry, long lastUsedMillis) {
    }
}
