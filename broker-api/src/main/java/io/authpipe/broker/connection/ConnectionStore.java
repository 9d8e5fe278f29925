package io.authpipe.broker.connection;

import io.authpipe.broker.routing.Ownership;
import io.authpipe.broker.routing.StoreRouter;
import io.authpipe.broker.vault.VaultTopology;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.core.identity.TenantId;
import io.authpipe.events.StoredCredential;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads this instance's part of the vault's credential store (interactive queries). */
public final class ConnectionStore {
    private final StoreRouter router;

    public ConnectionStore(StoreRouter router) {
        this.router = router;
    }

    public Ownership ownerOf(ConnectionKey key) {
        return router.ownerOf(VaultTopology.CREDENTIALS_STORE, key.asKafkaKey());
    }

    public boolean ownedHere(ConnectionKey key) {
        return ownerOf(key) instanceof Ownership.Local;
    }

    /**
     * The stored connection, if it exists, from this instance's active copy of its partition. Throws
     * {@link InvalidStateStoreException} ({@code 503 store_unavailable}) while that partition is not queryable here:
     * a rebalance never makes an existing connection look absent.
     */
    public Optional<StoredCredential> local(ConnectionKey key) {
        return router.activeValue(VaultTopology.CREDENTIALS_STORE, key.asKafkaKey());
    }

    /** As {@link #local}, but empty while the partition is not queryable: for waiting until a change shows. */
    public Optional<StoredCredential> localWhenQueryable(ConnectionKey key) {
        try {
            return local(key);
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }

    /** The connection in this instance's standby copy of its partition (see {@link StoreRouter#standbyValue}). */
    public Optional<StoredCredential> standby(ConnectionKey key) {
        return router.standbyValue(VaultTopology.CREDENTIALS_STORE, key.asKafkaKey());
    }

    /** The tenant's connections held by this instance. */
    public List<StoredCredential> localOfTenant(TenantId tenant) {
        List<StoredCredential> result = new ArrayList<>();
        store().ifPresent(s -> {
            try (KeyValueIterator<String, StoredCredential> it =
                         s.prefixScan(ConnectionKey.kafkaKeyPrefix(tenant), new StringSerializer())) {
                it.forEachRemaining((KeyValue<String, StoredCredential> kv) -> result.add(kv.value));
            }
        });
        return result;
    }

    private Optional<ReadOnlyKeyValueStore<String, StoredCredential>> store() {
        return router.local(VaultTopology.CREDENTIALS_STORE);
    }
}
