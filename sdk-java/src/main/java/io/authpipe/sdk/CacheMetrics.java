package io.authpipe.sdk;

import java.time.Duration;

/**
 * A snapshot of the client's cache and stream.
 *
 * @param hits           calls answered from the cache (no I/O), revoked entries included
 * @param misses         calls that fetched because nothing usable was cached (absent, or within the expiry margin)
 * @param revalidations  calls that fetched because the cached entry was stale (stream down beyond maxStaleness, or
 *                       the stream could not resume)
 * @param refreshes      background fetches after a pushed {@code credential.updated}
 * @param evictions      entries dropped as least recently used
 * @param entries        entries cached now
 * @param lastPushLag    from a pushed change's {@code updatedAt} to the cache holding it, for the latest one
 * @param maxPushLag     the longest such lag so far
 * @param streamState    the event stream's state
 */
public record CacheMetrics(long hits, long misses, long revalidations, long refreshes, long evictions, int entries,
                           Duration lastPushLag, Duration maxPushLag, StreamState streamState) {
}
