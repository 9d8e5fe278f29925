package io.authpipe.vault;

import io.authpipe.core.identity.TenantId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A tenant's key-encryption keys (KEKs), as persisted with the tenant record. Holds references only (and, for
 * tenants from version 1, wrapped legacy data keys): safe to store and log.
 *
 * <p>The last KEK is current: new envelopes are sealed under a data key it wrapped. Every listed KEK still opens the
 * envelopes sealed under it; an envelope naming a KEK that is not listed does not decrypt. Destroying all of them
 * ({@link Vault#shred}) crypto-shreds the tenant's v2 envelopes.
 *
 * <p>A tenant created by version 1 has no KEK yet, only {@code legacyDataKeys}: {@link Vault#rotate} gives it its first
 * KEK; after its envelopes are re-encrypted (see {@link Vault#isSealedUnderCurrentKey}) the legacy keys can be dropped
 * ({@link #withoutLegacyDataKeys}).
 *
 * @param tenant         the owner
 * @param keks           distinct KEKs, oldest first; the last is current
 * @param legacyDataKeys v1 wrapped data keys with distinct key ids; usually empty
 */
public record TenantKeys(TenantId tenant, List<KekRef> keks, List<WrappedDataKey> legacyDataKeys) {

    public TenantKeys {
        Objects.requireNonNull(tenant, "tenant");
        keks = List.copyOf(keks);
        legacyDataKeys = List.copyOf(legacyDataKeys);
        if (keks.isEmpty() && legacyDataKeys.isEmpty()) {
            throw new IllegalArgumentException("a tenant needs at least one key-encryption key");
        }
        if (new HashSet<>(keks).size() != keks.size()) {
            throw new IllegalArgumentException("key-encryption keys must be distinct");
        }
        if (legacyDataKeys.stream().map(WrappedDataKey::keyId).distinct().count() != legacyDataKeys.size()) {
            throw new IllegalArgumentException("legacy key ids must be distinct");
        }
    }

    /** A new tenant's keys: one KEK, no legacy keys. */
    public static TenantKeys of(TenantId tenant, KekRef kek) {
        return new TenantKeys(tenant, List.of(kek), List.of());
    }

    /**
     * The KEK that seals new secrets: the last one.
     *
     * @throws IllegalStateException if the tenant has only legacy keys ({@link Vault#rotate} adds a KEK)
     */
    public KekRef current() {
        if (keks.isEmpty()) {
            throw new IllegalStateException("tenant " + tenant + " has no key-encryption key yet; rotate its keys first");
        }
        return keks.get(keks.size() - 1);
    }

    /** Whether {@code kek} is one of this tenant's KEKs. */
    public boolean hasKek(KekRef kek) {
        return keks.contains(kek);
    }

    /**
     * These keys with {@code kek} as the current KEK; unchanged if it already is current (a KMS that shares one key
     * between tenants returns the same key on every rotation).
     *
     * @throws IllegalArgumentException if {@code kek} is an older KEK of this tenant
     */
    public TenantKeys withKek(KekRef kek) {
        if (!keks.isEmpty() && current().equals(kek)) {
            return this;
        }
        return new TenantKeys(tenant, Stream.concat(keks.stream(), Stream.of(kek)).toList(), legacyDataKeys);
    }

    /** The v1 data key with {@code keyId}, if the tenant has it. */
    public Optional<WrappedDataKey> legacyDataKey(int keyId) {
        return legacyDataKeys.stream().filter(key -> key.keyId() == keyId).findFirst();
    }

    /** These keys without the v1 data keys: once no v1 envelope of the tenant is left. */
    public TenantKeys withoutLegacyDataKeys() {
        return new TenantKeys(tenant, keks, List.of());
    }
}
