package io.authpipe.vault.internal;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.GeneratedDataKey;
import io.authpipe.vault.KekRef;
import io.authpipe.vault.KmsKeyUnusableException;
import io.authpipe.vault.KmsUnavailableException;
import io.authpipe.vault.VaultPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data key each (tenant, KEK) seals with, Kroxylicious-style: generated on first use; replaced after
 * {@code refreshAfter} (if the KMS fails then, the old key serves on and the refresh is retried every
 * {@link #REFRESH_RETRY}); never used after {@code expireAfter} or once {@code encryptionsPerDek} are spent. One
 * generation per (tenant, KEK) at a time; bytes zeroed when an entry is replaced or evicted, or found expired (on
 * use, or by a sweep at most once a minute). Thread-safe.
 */
public final class EncryptionDekCache {
    /** How often a failing refresh is retried while the old key is still valid. */
    public static final Duration REFRESH_RETRY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(EncryptionDekCache.class);

    private final Clock clock;
    private final VaultPolicy policy;
    private final ConcurrentHashMap<Slot, EncryptionDek> entries = new ConcurrentHashMap<>();
    private final SingleFlight<Slot> loads = new SingleFlight<>();
    private final LongAdder hits = new LongAdder();
    private final SweepSchedule sweeps;

    public EncryptionDekCache(Clock clock, VaultPolicy policy) {
        this.clock = clock;
        this.policy = policy;
        this.sweeps = new SweepSchedule(clock.instant());
    }

    /** One reserved encryption under the current data key of (tenant, kek); {@code generate} asks the KMS for one. */
    public EncryptionLease lease(TenantId tenant, KekRef kek, Supplier<GeneratedDataKey> generate) {
        Slot slot = new Slot(tenant, kek);
        while (true) {
            Instant now = clock.instant();
            sweepIfDue(now);
            EncryptionDek dek = entries.get(slot);
            if (dek != null && dek.isUsable(now)) {
                EncryptionLease lease = refreshIfDue(slot, dek, generate, now).lease();
                if (lease != null) {
                    return lease;
                }
            } else {
                retire(slot, dek);
                EncryptionLease lease = loads.load(slot, () -> usableOrNew(slot, generate)).lease();
                if (lease != null) {
                    return lease;
                }
            }
        }
    }

    /** Drops and zeroes the data keys of {@code tenant} (rotation, deletion). */
    public void evict(TenantId tenant) {
        entries.forEach((slot, dek) -> {
            if (slot.tenant().equals(tenant)) {
                retire(slot, dek);
            }
        });
    }

    /** How many leases came from a data key that was already cached. */
    public long hits() {
        return hits.sum();
    }

    private EncryptionDek refreshIfDue(Slot slot, EncryptionDek dek, Supplier<GeneratedDataKey> generate, Instant now) {
        if (!dek.claimRefresh(now, REFRESH_RETRY)) {
            hits.increment();
            return dek;
        }
        try {
            return loads.load(slot, () -> install(slot, generate.get()));
        } catch (KmsUnavailableException e) {
            LOG.warn("tenant={} kek={} refreshing the encryption data key failed, the current one serves until it expires: {}",
                    slot.tenant(), slot.kek(), e.getMessage());
            hits.increment();
            return dek;
        } catch (KmsKeyUnusableException e) {
            retire(slot, dek);
            throw e;
        }
    }

    /** The entry another thread installed meanwhile, if usable; else a new one (no second KMS call for one miss). */
    private EncryptionDek usableOrNew(Slot slot, Supplier<GeneratedDataKey> generate) {
        EncryptionDek current = entries.get(slot);
        return current != null && current.isUsable(clock.instant()) ? current : install(slot, generate.get());
    }

    private EncryptionDek install(Slot slot, GeneratedDataKey generated) {
        EncryptionDek fresh = new EncryptionDek(generated, clock.instant(), policy.encryptionDekRefreshAfter(),
                policy.encryptionDekExpireAfter(), policy.encryptionsPerDek());
        EncryptionDek replaced = entries.put(slot, fresh);
        if (replaced != null) {
            replaced.destroy();
        }
        return fresh;
    }

    private void sweepIfDue(Instant now) {
        if (sweeps.claim(now)) {
            entries.forEach((slot, dek) -> {
                if (dek.isExpired(now)) {
                    retire(slot, dek);
                }
            });
        }
    }

    private void retire(Slot slot, EncryptionDek dek) {
        if (dek != null && entries.remove(slot, dek)) {
            dek.destroy();
        }
    }

    private record Slot(TenantId tenant, KekRef kek) {
    }
}
