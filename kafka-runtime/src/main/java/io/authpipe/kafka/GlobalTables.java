package io.authpipe.kafka;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * A compacted topic as a global store every task of an application can read (tenants and their keys, app
 * registrations): each instance holds the whole table, restored from the topic itself, so no changelog. A record of
 * the topic that cannot be read is dead-lettered when read live; restored into the store, it reads as absent
 * ({@link RestoredSerde}).
 */
public final class GlobalTables {
    private GlobalTables() {
    }

    /** Adds the global store {@code store}, keyed by String, kept equal to {@code topic}. */
    public static <V> Topology add(Topology topology, String topic, String store, Serde<V> values) {
        return topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store),
                        Serdes.String(), RestoredSerde.of(values)).withLoggingDisabled(), store + "-source",
                Serdes.String().deserializer(), values.deserializer(), topic, store + "-updater",
                () -> new Updater<V>(store));
    }

    /**
     * Adds the global store {@code store} as {@link org.apache.kafka.streams.StreamsBuilder#globalTable} builds it (a
     * timestamped store, each value with its record's timestamp), kept equal to {@code topic}; a record of the topic
     * that cannot be read is dead-lettered, and reads as absent if restoration copies it into the store.
     */
    public static <V> Topology addTimestamped(Topology topology, String topic, String store, Serde<V> values) {
        return topology.addGlobalStore(Stores.timestampedKeyValueStoreBuilder(
                        Stores.persistentTimestampedKeyValueStore(store), Serdes.String(), RestoredSerde.of(values))
                        .withLoggingDisabled(), store + "-source",
                Serdes.String().deserializer(), values.deserializer(), topic, store + "-updater",
                () -> new TimestampedUpdater<V>(store));
    }

    /** Keeps a timestamped global store equal to its compacted topic: a value replaces, a tombstone deletes. */
    private static final class TimestampedUpdater<V> implements Processor<String, V, Void, Void> {
        private final String storeName;
        private TimestampedKeyValueStore<String, V> store;

        TimestampedUpdater(String storeName) {
            this.storeName = storeName;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, V> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
            }
        }
    }

    /** Keeps a global store equal to its compacted topic: a value replaces, a tombstone deletes. */
    private static final class Updater<V> implements Processor<String, V, Void, Void> {
        private final String storeName;
        private KeyValueStore<String, V> store;

        Updater(String storeName) {
            this.storeName = storeName;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, V> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
        }
    }
}
