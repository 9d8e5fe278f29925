package io.authpipe.sdk.internal;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One fetch of one connection, shared by every caller that misses meanwhile. Remembers the newest version pushed while
 * it was under way: if the answer is older, another fetch follows.
 */
final class Flight {
    final CompletableFuture<CacheEntry> future = new CompletableFuture<>();
    private volatile Instant pushedAt;
    private long newestPushed = Long.MIN_VALUE;

    Flight(Instant pushedAt) {
        this.pushedAt = pushedAt;
    }

    synchronized void pushed(long version, Instant updatedAt) {
        if (version > newestPushed) {
            newestPushed = version;
            pushedAt = updatedAt;
        }
    }

    synchronized long newestPushed() {
        return newestPushed;
    }

    /** The {@code updatedAt} of the change that asked for this fetch, for the push lag; null if none did. */
    Instant pushedAt() {
        return pushedAt;
    }
}
