package io.authpipe.kafka;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A compacted topic as a global store every task of an application can read (tenants and their keys, app
 * registrations): each instance holds the whole table, restored from the topic itself, so no changelog.
 */
public final class GlobalTables {
    private GlobalTables() {
    }

    /** Adds the global store {@code store}, keyed by String, kept equal to {@code topic}. */
    public static <V> Topology add(Topology topology, String topic, String store, Serde<V> values) {
        return topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store),
                        Serdes.String(), values).withLoggingDisabled(), store + "-source",
                Serdes.String().deserializer(), values.deserializer(), topic, store + "-updater",
                () -> new Updater<V>(store));
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
