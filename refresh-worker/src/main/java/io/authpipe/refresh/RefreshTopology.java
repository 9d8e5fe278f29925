package io.authpipe.refresh;

import io.authpipe.events.AppRegistration;
import io.authpipe.events.ExpiryTimer;
import io.authpipe.events.RefreshLease;
import io.authpipe.events.Tenant;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * refresh-worker's topology:
 * <pre>
 *  authpipe.expiry-timers ─► timer-scheduler ─► [refresh-timers] [refresh-due-index] [refresh-leases]
 *                                  │  reads    [refresh-tenants] [refresh-app-registrations]  (global)
 *                                  └─► RefreshDispatch (bounded executor) ─► authpipe.connection-events
 * </pre>
 * {@code authpipe.expiry-timers} (compacted; a tombstone cancels) feeds the timer store and its due-time index
 * (layout in {@link DueIndexKey}); a wall-clock punctuator range-scans the index up to now. Tenants (for their keys)
 * and app registrations (client id and sealed secret) are global stores, so any instance can refresh any connection
 * it owns without asking another service.
 */
public final class RefreshTopology {
    public static final String TIMERS_STORE = "refresh-timers";
    public static final String DUE_INDEX_STORE = "refresh-due-index";
    public static final String LEASES_STORE = "refresh-leases";
    public static final String TENANTS_STORE = "refresh-tenants";
    public static final String APP_REGISTRATIONS_STORE = "refresh-app-registrations";

    private RefreshTopology() {
    }

    public static Topology build(SchemaRegistry registry, RefreshDispatch dispatch, ScheduleSettings settings,
                                 RefreshMetrics metrics) {
        return build(registry, dispatch, settings, metrics, Stores::persistentKeyValueStore);
    }

    /** With each store's byte layer from {@code stores} (given the store's name), so tests can observe it. */
    static Topology build(SchemaRegistry registry, RefreshDispatch dispatch, ScheduleSettings settings,
                          RefreshMetrics metrics, Function<String, KeyValueBytesStoreSupplier> stores) {
        AvroSerde<ExpiryTimer> timers = AvroSerde.of(ExpiryTimer.class, registry);
        Topology topology = new Topology()
                .addSource("expiry-timers-source", Serdes.String().deserializer(), timers.deserializer(),
                        Topics.EXPIRY_TIMERS)
                .addProcessor("timer-scheduler", () -> new TimerScheduler(dispatch, settings, metrics),
                        "expiry-timers-source")
                .addStateStore(Stores.keyValueStoreBuilder(stores.apply(TIMERS_STORE), Serdes.String(), timers),
                        "timer-scheduler")
                .addStateStore(Stores.keyValueStoreBuilder(stores.apply(DUE_INDEX_STORE), Serdes.Bytes(),
                        Serdes.String()), "timer-scheduler")
                .addStateStore(Stores.keyValueStoreBuilder(stores.apply(LEASES_STORE), Serdes.String(),
                        AvroSerde.of(RefreshLease.class, registry)), "timer-scheduler");
        addGlobalTable(topology, registry, Topics.TENANTS, TENANTS_STORE, Tenant.class);
        addGlobalTable(topology, registry, Topics.APP_REGISTRATIONS, APP_REGISTRATIONS_STORE, AppRegistration.class);
        return topology;
    }

    private static <V extends SpecificRecord> void addGlobalTable(Topology topology, SchemaRegistry registry,
                                                                  String topic, String store, Class<V> type) {
        AvroSerde<V> serde = AvroSerde.of(type, registry);
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                        serde).withLoggingDisabled(), store + "-source", Serdes.String().deserializer(),
                serde.deserializer(), topic, store + "-updater", () -> new GlobalTableUpdater<V>(store));
    }

    /** Keeps a global store equal to its compacted topic: a value replaces, a tombstone deletes. */
    private static final class GlobalTableUpdater<V> implements Processor<String, V, Void, Void> {
        private final String storeName;
        private KeyValueStore<String, V> store;

        GlobalTableUpdater(String storeName) {
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
