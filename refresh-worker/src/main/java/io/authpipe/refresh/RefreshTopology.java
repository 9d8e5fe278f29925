package io.authpipe.refresh;

import io.authpipe.events.AppRegistration;
import io.authpipe.events.ExpiryTimer;
import io.authpipe.events.RefreshLease;
import io.authpipe.events.Tenant;
import io.authpipe.kafka.GlobalTables;
import io.authpipe.kafka.schedule.DueSchedule;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * refresh-worker's topology:
 * <pre>
 *  authpipe.expiry-timers ─► timer-scheduler ─► [refresh-timers] [refresh-due-index] [refresh-leases]
 *                                  │  reads    [refresh-tenants] [refresh-app-registrations]  (global)
 *                                  └─► RefreshDispatch (bounded executor) ─► authpipe.connection-events
 * </pre>
 * {@code authpipe.expiry-timers} (compacted; a tombstone cancels) feeds the timer store and its due-time index
 * (a {@link DueSchedule}); a wall-clock punctuator range-scans the index up to now. Tenants (for their keys)
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
        GlobalTables.add(topology, Topics.TENANTS, TENANTS_STORE, AvroSerde.of(Tenant.class, registry));
        return GlobalTables.add(topology, Topics.APP_REGISTRATIONS, APP_REGISTRATIONS_STORE,
                AvroSerde.of(AppRegistration.class, registry));
    }
}
