package io.authpipe.vault;

import io.authpipe.core.identity.TenantId;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A tenant's data keys, as persisted with the tenant record: the newest key id seals new secrets; every key opens the
 * envelopes it sealed. Holds wrapped keys only, so it is safe to store and log.
 *
 * <p>Deleting a tenant's {@code TenantKeys} (and evicting them with {@link Vault#forget}) crypto-shreds all its
 * secrets: without the wrapped DEKs no envelope can be opened.
 *
 * @param tenant the owner
 * @param keys   at least one key, with distinct key ids, in any order (kept as given)
 */
public record TenantKeys(TenantId tenant, List<WrappedDataKey> keys) {

    public TenantKeys {
        Objects.requireNonNull(tenant, "tenant");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a tenant needs at least one data key");
        }
        if (keys.stream().map(WrappedDataKey::keyId).filter(new HashSet<>()::add).count() != keys.size()) {
            throw new IllegalArgumentException("key ids must be distinct");
        }
    }

    /** The key that seals new secrets: the one with the highest key id. */
    public WrappedDataKey current() {
        return keys.stream().max(Comparator.comparingInt(WrappedDataKey::keyId)).orElseThrow();
    }

    /** The key with {@code keyId}, if the tenant has it. */
    public Optional<WrappedDataKey> byId(int keyId) {
        return keys.stream().filter(key -> key.keyId() == keyId).findFirst();
    }

    /** These keys plus {@code added}, which becomes current if its key id is the highest. */
    public TenantKeys with(WrappedDataKey added) {
        return new TenantKeys(tenant, Stream.concat(keys.stream(), Stream.of(added)).toList());
    }
}
