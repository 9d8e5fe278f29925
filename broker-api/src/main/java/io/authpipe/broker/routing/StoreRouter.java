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
        return active.equals(self) ? new Ownership.Local() : new Ownership.Remote(active);
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
