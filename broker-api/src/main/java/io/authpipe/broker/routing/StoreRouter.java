package io.authpipe.broker.routing;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive-query routing: finds the instance that owns a key of a partitioned store, and reads local stores.
 * Instances advertise themselves through {@code application.server} (their HTTP base URL's host and port).
 */
public final class StoreRouter {
    private final KafkaStreams streams;
    private final HostInfo self;

    public StoreRouter(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    public Ownership ownerOf(String store, String key) {
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        } catch (IllegalStateException e) {
            return new Ownership.Unavailable();
        }
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return new Ownership.Unavailable();
        }
        HostInfo active = metadata.activeHost();
        return active.equals(self) ? new Ownership.Local()
                : new Ownership.Remote(active, metadata.standbyHosts().contains(self));
    }

    /**
     * The value of {@code key} in this instance's standby copy of its partition of {@code store}: for reads while the
     * owner does not answer (it died, and keeps its partitions until its consumer session expires). A standby trails
     * the owner by about a commit interval; empty when this instance keeps no readable copy or it lacks the key.
     */
    public <V> Optional<V> standbyValue(String store, String key) {
        try {
            KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
            if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)
                    || !metadata.standbyHosts().contains(self)) {
                return Optional.empty();
            }
            ReadOnlyKeyValueStore<String, V> copy = streams.store(StoreQueryParameters.fromNameAndType(store,
                    QueryableStoreTypes.<String, V>keyValueStore()).enableStaleStores()
                    .withPartition(metadata.partition()));
            return Optional.ofNullable(copy.get(key));
        } catch (IllegalStateException | InvalidStateStoreException e) { // not (yet) readable here
            return Optional.empty();
        }
    }

    /**
     * The value of {@code key} in this instance's active copy of its partition of {@code store}. While that partition
     * cannot be queried here (starting, rebalancing, restoring, moved away) this throws
     * {@link InvalidStateStoreException} ({@code 503 store_unavailable}) rather than answer "absent".
     */
    public <V> Optional<V> activeValue(String store, String key) {
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        } catch (IllegalStateException e) {
            throw new InvalidStateStoreException("the stores are not queryable yet");
        }
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new InvalidStateStoreException(store + " has no queryable partition for the key now");
        }
        ReadOnlyKeyValueStore<String, V> partition = streams.store(StoreQueryParameters.fromNameAndType(store,
                QueryableStoreTypes.<String, V>keyValueStore()).withPartition(metadata.partition()));
        return Optional.ofNullable(partition.get(key));
    }

    /** Every other instance hosting a partition of {@code store}. */
    public List<HostInfo> otherHostsOf(String store) {
        return streams.streamsMetadataForStore(store).stream()
                .map(StreamsMetadata::hostInfo).filter(h -> !h.equals(self)).distinct().toList();
    }

    /** This instance's part of {@code store}; empty while it is not queryable (starting, rebalancing). */
    public <V> Optional<ReadOnlyKeyValueStore<String, V>> local(String store) {
        try {
            return Optional.of(streams.store(StoreQueryParameters.fromNameAndType(store,
                    QueryableStoreTypes.<String, V>keyValueStore())));
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }

    /** The Streams state of the vault application, for health checks: RUNNING means queries can be answered. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    public HostInfo self() {
        return self;
    }
}
