package io.authpipe.health;

import io.authpipe.events.CheckReply;
import io.authpipe.events.CheckRequest;
import io.authpipe.events.CheckSubject;
import io.authpipe.events.ScheduledCheck;
import io.authpipe.events.Tenant;
import io.authpipe.events.TenantSecret;
import io.authpipe.health.check.CheckDispatch;
import io.authpipe.kafka.GlobalTables;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.time.Clock;
import java.util.function.DoubleSupplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * health-worker's topology:
 * <pre>
 *  authpipe.check-subjects ──────────────────────────► check-scheduler ─► [health-checks] [health-due-index]
 *  authpipe.check-requests ─► check-request-reader ──►       │  reads [health-tenants] (global)
 *                 reads [health-tenants] [health-tenant-secrets] (global: producer signing keys)
 *                                  └─► authpipe.check-replies    └─► CheckDispatch (budgets) ─► connection-events
 * </pre>
 * The vault's check subjects (compacted; a tombstone ends checking) feed a due-time schedule; check requests from
 * consumers make a connection due now. Both topics are keyed by connection key and partitioned alike, so a
 * connection's subject and requests meet in one task. Every readable check request is answered on
 * {@code authpipe.check-replies}; one that cannot be read goes to {@code authpipe.dead-letters} (see
 * {@code StreamsSettings}).
 */
public final class HealthTopology {
    public static final String CHECKS_STORE = "health-checks";
    public static final String DUE_INDEX_STORE = "health-due-index";
    public static final String TENANTS_STORE = "health-tenants";
    public static final String TENANT_SECRETS_STORE = "health-tenant-secrets";
    static final String SCHEDULER = "check-scheduler";
    static final String REPLIES_SINK = "check-replies-sink";

    private HealthTopology() {
    }

    public static Topology build(SchemaRegistry registry, CheckDispatch dispatch, HealthSettings settings,
                                 HealthMetrics metrics, ProducerKeyOpener producerKeys, Clock clock,
                                 DoubleSupplier random) {
        AvroSerde<CheckSubject> subjects = AvroSerde.of(CheckSubject.class, registry);
        Topology topology = new Topology()
                .addSource("check-subjects-source", Serdes.String().deserializer(), subjects.deserializer(),
                        Topics.CHECK_SUBJECTS)
                .addSource("check-requests-source", Serdes.String().deserializer(),
                        Serdes.ByteArray().deserializer(), Topics.CHECK_REQUESTS)
                .addProcessor("check-request-reader",
                        () -> new CheckRequestReader(AvroSerde.of(CheckRequest.class, registry),
                                settings.requestMode(), producerKeys, clock),
                        "check-requests-source")
                .addProcessor(SCHEDULER, () -> new CheckScheduler(dispatch, settings.cadence(),
                        settings.scanInterval(), settings.dispatch().maxQueued(), settings.expiryMargin(), metrics,
                        clock, random),
                        "check-subjects-source", "check-request-reader")
                .addSink(REPLIES_SINK, Topics.CHECK_REPLIES, Serdes.String().serializer(),
                        AvroSerde.of(CheckReply.class, registry).serializer(), "check-request-reader")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CHECKS_STORE),
                        Serdes.String(), AvroSerde.of(ScheduledCheck.class, registry)), SCHEDULER)
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DUE_INDEX_STORE),
                        Serdes.Bytes(), Serdes.String()), SCHEDULER);
        GlobalTables.add(topology, Topics.TENANT_SECRETS, TENANT_SECRETS_STORE,
                AvroSerde.of(TenantSecret.class, registry));
        return GlobalTables.add(topology, Topics.TENANTS, TENANTS_STORE, AvroSerde.of(Tenant.class, registry));
    }
}
