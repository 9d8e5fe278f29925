package io.authpipe.vault.internal;

import io.authpipe.vault.GeneratedDataKey;
import io.authpipe.vault.KekRef;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A tenant's data key for sealing: usable until it expires or its encryption budget is spent, due for replacement
 * after the refresh age. Thread-safe.
 */
final class EncryptionDek {
    private final KeyMaterial material;
    private final byte[] wrapped;
    private final KekRef kek;
    private final Instant expireAt;
    private final long budget;
    private final AtomicLong used = new AtomicLong();
    private final AtomicReference<Instant> nextRefreshAttempt;

    EncryptionDek(GeneratedDataKey generated, Instant now, Duration refreshAfter, Duration expireAfter, long budget) {
        this.material = new KeyMaterial(generated.plaintext());
        this.wrapped = generated.wrapped();
        this.kek = generated.kek();
        this.expireAt = now.plus(expireAfter);
        this.budget = budget;
        this.nextRefreshAttempt = new AtomicReference<>(now.plus(refreshAfter));
    }

    /** Not expired and budget left (a concurrent lease may still take the last one). */
    boolean isUsable(Instant now) {
        return now.isBefore(expireAt) && used.get() < budget && !material.isDestroyed();
    }

    boolean isExpired(Instant now) {
        return !now.isBefore(expireAt);
    }

    /**
     * True for exactly one caller once the refresh age is reached, and again for one caller each {@code retryAfter}
     * while the refresh keeps failing.
     */
    boolean claimRefresh(Instant now, Duration retryAfter) {
        Instant due = nextRefreshAttempt.get();
        return !now.isBefore(due) && nextRefreshAttempt.compareAndSet(due, now.plus(retryAfter));
    }

    /** Reserves one encryption; null if the budget is spent or the key destroyed. */
    EncryptionLease lease() {
        long count;
        do {
            count = used.get();
            if (count >= budget) {
                return null;
            }
        } while (!used.compareAndSet(count, count + 1));
        DestroyableKey key = material.lease();
        return key == null ? null : new EncryptionLease(key, wrapped, kek);
    }

    void destroy() {
        material.destroy();
    }
}
