package io.authpipe.broker.http;

import io.authpipe.broker.config.RateLimit;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Token buckets, one per caller key (a client address or a tenant), each refilled at {@link RateLimit#perSecond}
 * up to {@link RateLimit#burst}. At most {@code capacity} buckets are kept: the least recently used is forgotten,
 * which only ever gives a caller a fresh budget, so memory stays bounded whatever keys callers invent. Thread-safe.
 */
final class RateLimiter {
    private final RateLimit limit;
    private final Clock clock;
    private final Map<String, Bucket> buckets;

    RateLimiter(RateLimit limit, int capacity, Clock clock) {
        this.limit = limit;
        this.clock = clock;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Takes one request from {@code key}'s budget: empty when admitted, else when the next one would be. */
    Optional<Instant> tryAcquire(String key) {
        if (limit.isUnlimited()) {
            return Optional.empty();
        }
        long now = clock.millis();
        synchronized (buckets) {
            Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.burst(), now)).refilled(now, limit);
            if (bucket.tokens() >= 1) {
                buckets.put(key, new Bucket(bucket.tokens() - 1, now));
                return Optional.empty();
            }
            buckets.put(key, bucket);
            long waitMillis = (long) Math.ceil((1 - bucket.tokens()) * 1000 / limit.perSecond());
            return Optional.of(Instant.ofEpochMilli(now + waitMillis));
        }
    }

    int tracked() {
        synchronized (buckets) {
            return buckets.size();
        }
    }

    private record Bucket(double tokens, long updatedAtMillis) {
        Bucket refilled(long now, RateLimit limit) {
            double added = Math.max(0, now - updatedAtMillis) / 1000.0 * limit.perSecond();
            return new Bucket(Math.min(limit.burst(), tokens + added), now);
        }
    }
}
