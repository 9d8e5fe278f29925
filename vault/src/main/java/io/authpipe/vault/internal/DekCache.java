package io.authpipe.vault.internal;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.WrappedDataKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.crypto.SecretKey;

/**
 * Unwrapped data keys by (tenant, wrapped key), so that the KMS is asked once per key rather than once per secret.
 *
 * <p>An entry expires {@code idleExpiry} after its last use, by the injected {@link Clock}; expired entries are swept
 * at most once a minute, on use, and their bytes are zeroed. Keyed by tenant too, so a cached key is never served for
 * a tenant the KMS did not unwrap it for. Thread-safe; the unwrap call runs outside any lock (two threads missing
 * at once both unwrap; the later entry wins and the earlier is zeroed).
 */
public final class DekCache {
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final Clock clock;
    private final Duration idleExpiry;
    private final ConcurrentHashMap<Ref, DekCacheEntry> entries = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> nextSweep;

    public DekCache(Clock clock, Duration idleExpiry) {
        this.clock = clock;
        this.idleExpiry = idleExpiry;
        this.nextSweep = new AtomicReference<>(clock.instant().plus(SWEEP_INTERVAL));
    }

    /** The cached key, or the key {@code unwrap} returns (which the cache then owns and will zero). */
    public SecretKey get(TenantId tenant, WrappedDataKey wrapped, Supplier<byte[]> unwrap) {
        Instant now = clock.instant();
        sweepIfDue(now);
        DekCacheEntry entry = entries.get(new Ref(tenant, wrapped));
        SecretKey key = entry == null ? null : entry.use(now, idleExpiry);
        return key != null ? key : put(tenant, wrapped, unwrap.get());
    }

    /** Caches {@code plaintext} (now owned by the cache) as the unwrapped form of {@code wrapped}. */
    public SecretKey put(TenantId tenant, WrappedDataKey wrapped, byte[] plaintext) {
        Instant now = clock.instant();
        DekCacheEntry fresh = new DekCacheEntry(plaintext, now);
        SecretKey key = fresh.use(now, idleExpiry);
        DekCacheEntry replaced = entries.put(new Ref(tenant, wrapped), fresh);
        if (replaced != null) {
            replaced.destroy();
        }
        return key;
    }

    /** Drops and zeroes every key of {@code tenant}. */
    public void evict(TenantId tenant) {
        entries.forEach((ref, entry) -> {
            if (ref.tenant().equals(tenant)) {
                remove(ref, entry);
            }
        });
    }

    /** How many keys are cached. */
    public int size() {
        return entries.size();
    }

    private void sweepIfDue(Instant now) {
        Instant due = nextSweep.get();
        if (!now.isBefore(due) && nextSweep.compareAndSet(due, now.plus(SWEEP_INTERVAL))) {
            entries.forEach((ref, entry) -> {
                if (entry.isExpired(now, idleExpiry)) {
                    remove(ref, entry);
                }
            });
        }
    }

    private void remove(Ref ref, DekCacheEntry entry) {
        if (entries.remove(ref, entry)) {
            entry.destroy();
        }
    }

    private record Ref(TenantId tenant, WrappedDataKey wrapped) {
    }
}
