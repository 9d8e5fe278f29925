package io.authpipe.vault.internal;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.KekRef;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Unwrapped data keys by (tenant, KEK, wrapped bytes), so that the KMS is asked once per data key, not once per
 * secret. Keyed by tenant and KEK too, so a key is only served for what the KMS unwrapped it for.
 *
 * <p>An entry expires {@code idleExpiry} after its last use, by the injected {@link Clock}; expired entries are swept
 * at most once a minute, on use, and their bytes zeroed. One unwrap per missing key at a time ({@link SingleFlight});
 * no lock is held across keys. Thread-safe.
 */
public final class DecryptedDekCache {
    private final Clock clock;
    private final Duration idleExpiry;
    private final ConcurrentHashMap<Ref, IdleEntry> entries = new ConcurrentHashMap<>();
    private final SingleFlight<Ref> loads = new SingleFlight<>();
    private final SweepSchedule sweeps;
    private final LongAdder hits = new LongAdder();

    public DecryptedDekCache(Clock clock, Duration idleExpiry) {
        this.clock = clock;
        this.idleExpiry = idleExpiry;
        this.sweeps = new SweepSchedule(clock.instant());
    }

    /**
     * A copy of the cached key, or of the key {@code unwrap} returns (a fresh array the cache then owns and zeroes).
     * The caller destroys the returned key after use.
     */
    public DestroyableKey lease(TenantId tenant, KekRef kek, byte[] wrapped, Supplier<byte[]> unwrap) {
        Ref ref = new Ref(tenant, kek, ByteBuffer.wrap(wrapped.clone()));
        while (true) {
            Instant now = clock.instant();
            sweepIfDue(now);
            IdleEntry entry = entries.get(ref);
            DestroyableKey key = entry == null ? null : entry.use(now, idleExpiry);
            if (key != null) {
                hits.increment();
                return key;
            }
            key = loads.load(ref, () -> currentOrNew(ref, unwrap)).use(clock.instant(), idleExpiry);
            if (key != null) {
                return key;
            }
        }
    }

    /** Caches {@code plaintext} (now owned by the cache) as the unwrapped form of {@code wrapped}. */
    public void put(TenantId tenant, KekRef kek, byte[] wrapped, byte[] plaintext) {
        store(new Ref(tenant, kek, ByteBuffer.wrap(wrapped.clone())), plaintext);
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

    /** How many leases were served from the cache. */
    public long hits() {
        return hits.sum();
    }

    /** The entry another thread stored meanwhile, if live; else a new one (no second unwrap for one miss). */
    private IdleEntry currentOrNew(Ref ref, Supplier<byte[]> unwrap) {
        IdleEntry current = entries.get(ref);
        return current != null && !current.isExpired(clock.instant(), idleExpiry) ? current : store(ref, unwrap.get());
    }

    private IdleEntry store(Ref ref, byte[] plaintext) {
        IdleEntry fresh = new IdleEntry(plaintext, clock.instant());
        IdleEntry replaced = entries.put(ref, fresh);
        if (replaced != null) {
            replaced.destroy();
        }
        return fresh;
    }

    private void sweepIfDue(Instant now) {
        if (sweeps.claim(now)) {
            entries.forEach((ref, entry) -> {
                if (entry.isExpired(now, idleExpiry)) {
                    remove(ref, entry);
                }
            });
        }
    }

    private void remove(Ref ref, IdleEntry entry) {
        if (entries.remove(ref, entry)) {
            entry.destroy();
        }
    }

    private record Ref(TenantId tenant, KekRef kek, ByteBuffer wrapped) {
    }
}
