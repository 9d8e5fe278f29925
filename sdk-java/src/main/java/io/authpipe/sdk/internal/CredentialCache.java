package io.authpipe.sdk.internal;

import io.authpipe.api.model.ConnectionChange;
import io.authpipe.api.model.CredentialBody;
import io.authpipe.sdk.AccessToken;
import io.authpipe.sdk.AuthpipeException;
import io.authpipe.sdk.AuthpipeUnavailableException;
import io.authpipe.sdk.CacheMetrics;
import io.authpipe.sdk.ConnectionNotFoundException;
import io.authpipe.sdk.Credential;
import io.authpipe.sdk.StreamState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache rules of {@code docs/sdk-cache.md}: a hit is two map lookups and a few field reads; a miss fetches once
 * per key however many callers wait (single flight); pushed changes update entries by version. Thread-safe.
 */
public final class CredentialCache {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialCache.class);

    private final Entries entries;
    private final CredentialFetcher fetcher;
    private final Clock clock;
    private final Duration expiryMargin;
    private final long maxStalenessMillis;
    private final Counters counters = new Counters();
    private final ConcurrentHashMap<ConnectionRef, Flight> flights = new ConcurrentHashMap<>();
    private volatile boolean streamConnected;

    public CredentialCache(CredentialFetcher fetcher, Clock clock, Duration expiryMargin, Duration maxStaleness,
                           int maxEntries) {
        this.entries = new Entries(maxEntries);
        this.fetcher = fetcher;
        this.clock = clock;
        this.expiryMargin = expiryMargin;
        this.maxStalenessMillis = maxStaleness.toMillis();
    }

    /** The credential of {@code provider}/{@code userId}: from the cache when it may, else fetched. */
    public Credential get(String provider, String userId) {
        CacheEntry entry = entries.get(provider, userId);
        long now = clock.millis();
        if (entry != null && entry.isFresh(now, streamConnected, maxStalenessMillis)) {
            if (entry.isRevoked()) {
                counters.hits.increment();
                throw entry.revokedException(provider, userId);
            }
            if (entry.isUsableAt(now)) {
                entry.touch(now);
                counters.hits.increment();
                return entry.credential();
            }
        }
        return load(provider, userId, entry, now);
    }

    private Credential load(String provider, String userId, CacheEntry entry, long now) {
        boolean stale = entry != null && !entry.isFresh(now, streamConnected, maxStalenessMillis);
        (stale ? counters.revalidations : counters.misses).increment();
        CacheEntry loaded = await(flight(new ConnectionRef(provider, userId), null).future, provider, userId);
        if (loaded.isRevoked()) {
            throw loaded.revokedException(provider, userId);
        }
        return loaded.credential();
    }

    private static CacheEntry await(CompletableFuture<CacheEntry> future, String provider, String userId) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthpipeException failure) {
                throw failure;
            }
            throw new AuthpipeUnavailableException("fetching " + provider + "/" + userId + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthpipeUnavailableException("interrupted while fetching " + provider + "/" + userId, e);
        }
    }

    /** The fetch of {@code ref} under way, or a new one. {@code pushedAt}: the change that asked for it, if any. */
    private Flight flight(ConnectionRef ref, Instant pushedAt) {
        Flight mine = new Flight(pushedAt);
        Flight existing = flights.putIfAbsent(ref, mine);
        if (existing != null) {
            return existing;
        }
        fetcher.fetch(ref.provider(), ref.userId()).thenApply(outcome -> apply(ref, outcome, mine))
                .whenComplete((entry, error) -> land(ref, mine, entry, error));
        return mine;
    }

    private void land(ConnectionRef ref, Flight flight, CacheEntry entry, Throwable error) {
        flights.remove(ref, flight);
        if (error != null) {
            flight.future.completeExceptionally(error instanceof CompletionException
                    && error.getCause() != null ? error.getCause() : error);
            return;
        }
        flight.future.complete(entry);
        if (flight.newestPushed() > entry.version()) {
            refreshInBackground(ref, flight.pushedAt());
        }
    }

    private CacheEntry apply(ConnectionRef ref, FetchOutcome outcome, Flight flight) {
        long now = clock.millis();
        CacheEntry held = store(ref, outcome, now);
        if (flight.pushedAt() != null) {
            counters.pushLag(now - flight.pushedAt().toEpochMilli());
        }
        return held;
    }

    private CacheEntry store(ConnectionRef ref, FetchOutcome outcome, long now) {
        if (outcome instanceof FetchOutcome.Fetched fetched) {
            return entries.putIfNewer(ref.provider(), ref.userId(),
                    CacheEntry.usable(credential(fetched.body()), now, expiryMargin));
        }
        if (outcome instanceof FetchOutcome.Revoked revoked) {
            return entries.putIfNewer(ref.provider(), ref.userId(),
                    CacheEntry.revoked(revoked.version(), revoked.status(), revoked.reason(), now));
        }
        FetchOutcome.Failed failed = (FetchOutcome.Failed) outcome;
        if (failed.error() instanceof ConnectionNotFoundException) {
            entries.remove(ref.provider(), ref.userId());
        }
        throw failed.error();
    }

    private static Credential credential(CredentialBody body) {
        return new Credential(AccessToken.of(body.credential()), body.tokenType(), body.expiresAt(), body.scopes(),
                body.status(), body.version(), body.account());
    }

    /**
     * Applies a pushed change: {@code credential.updated} newer than the entry fetches the new credential in the
     * background (the entry answers meanwhile); {@code connection.revoked} newer than the entry replaces it;
     * {@code connection.deleted} evicts. Changes of connections neither cached nor being fetched are ignored.
     */
    public void apply(String type, ConnectionChange change) {
        ConnectionRef ref = new ConnectionRef(change.provider(), change.userId());
        CacheEntry entry = entries.get(ref.provider(), ref.userId());
        Flight flight = flights.get(ref);
        if (flight != null) {
            flight.pushed(change.version(), change.updatedAt());
        }
        if ("connection.deleted".equals(type)) {
            entries.remove(ref.provider(), ref.userId());
        } else if ((entry == null && flight == null) || (entry != null && change.version() <= entry.version())) {
            LOG.trace("change ignored type={} version={}", type, change.version());
        } else if (ConnectionChange.REVOKED.equals(type)) {
            long now = clock.millis();
            entries.putIfNewer(ref.provider(), ref.userId(),
                    CacheEntry.revoked(change.version(), change.status(), change.reason(), now));
            counters.pushLag(change.updatedAt() == null ? 0 : now - change.updatedAt().toEpochMilli());
        } else if (ConnectionChange.UPDATED.equals(type) && flight == null) {
            refreshInBackground(ref, change.updatedAt());
        }
    }

    private void refreshInBackground(ConnectionRef ref, Instant pushedAt) {
        counters.refreshes.increment();
        flight(ref, pushedAt).future.whenComplete((entry, error) -> {
            if (error != null) {
                LOG.debug("pushed refresh failed provider={} user={} error={}", ref.provider(), ref.userId(),
                        error instanceof AuthpipeException failure ? failure.code() : error.getClass().getName());
            }
        });
    }

    /** The stream connected (true: entries are fresh while it stays so) or dropped. */
    public void streamConnected(boolean connected) {
        streamConnected = connected;
    }

    /** The stream could not resume: every entry asks the server again on its next use. */
    public void markAllStale() {
        entries.markAllStale();
    }

    public CacheMetrics metrics(StreamState state) {
        return new CacheMetrics(counters.hits.sum(), counters.misses.sum(), counters.revalidations.sum(),
                counters.refreshes.sum(), entries.evictions(), entries.size(), counters.lastPushLag(),
                counters.maxPushLag(), state);
    }

    private record ConnectionRef(String provider, String userId) {
    }
}
