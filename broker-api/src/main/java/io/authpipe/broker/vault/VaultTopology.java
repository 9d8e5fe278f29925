package io.authpipe.broker.vault;

import io.authpipe.broker.kafka.EventSerdes;
import io.authpipe.events.AppRegistration;
import io.authpipe.events.CheckSubject;
import io.authpipe.events.ConnectSession;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.CredentialUpdated;
import io.authpipe.events.ExpiryTimer;
import io.authpipe.events.PendingAuthorization;
import io.authpipe.events.Revocation;
import io.authpipe.events.StoredCredential;
import io.authpipe.events.Tenant;
import io.authpipe.events.TenantSecret;
import io.authpipe.kafka.GlobalTables;
import io.authpipe.topics.Topics;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * broker-api's Kafka Streams topology:
 * <pre>
 *  authpipe.connection-events ─► CredentialFolder ─┬─► authpipe.credential-updated
 *                                 [credentials]     ├─► authpipe.revocations
 *                                                   └─► authpipe.expiry-timers
 *  authpipe.authorizations    ─► table [authorizations]     (partitioned; queried on the owning instance)
 *  authpipe.tenants           ─► global table [tenants]
 *  authpipe.app-registrations ─► global table [app-registrations]
 *  authpipe.tenant-secrets    ─► global table [tenant-secrets]
 * </pre>
 * Input records that cannot be handled go to {@code authpipe.dead-letters} through Kafka Streams' dead-letter queue
 * (KIP-1034), configured in {@code StreamsSettings}. The global tables are kept by {@link GlobalTables} (timestamped
 * stores, as {@code StreamsBuilder#globalTable} builds them), whose stores read a record that cannot be read as
 * absent should restoration copy one in.
 */
public final class VaultTopology {
    public static final String CREDENTIALS_STORE = "credentials";
    public static final String AUTHORIZATIONS_STORE = "authorizations";
    public static final String CONNECT_SESSIONS_STORE = "connect-sessions";
    public static final String TENANTS_STORE = "tenants";
    public static final String APP_REGISTRATIONS_STORE = "app-registrations";
    public static final String TENANT_SECRETS_STORE = "tenant-secrets";

    static final String CREDENTIAL_UPDATED_SINK = "credential-updated-sink";
    static final String REVOCATIONS_SINK = "revocations-sink";
    static final String EXPIRY_TIMERS_SINK = "expiry-timers-sink";
    static final String CHECK_SUBJECTS_SINK = "check-subjects-sink";
    private static final String SOURCE = "connection-events-source";
    private static final String FOLDER = "credential-folder";

    private VaultTopology() {
    }

    public static Topology build(EventSerdes serdes, Properties streamsProperties) {
        return build(serdes, streamsProperties, RefreshPolicy.defaults());
    }

    public static Topology build(EventSerdes serdes, Properties streamsProperties, RefreshPolicy refresh) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table(Topics.AUTHORIZATIONS, Consumed.with(Serdes.String(), serdes.of(PendingAuthorization.class)),
                Materialized.<String, PendingAuthorization, KeyValueStore<Bytes, byte[]>>as(AUTHORIZATIONS_STORE));
        builder.table(Topics.CONNECT_SESSIONS, Consumed.with(Serdes.String(), serdes.of(ConnectSession.class)),
                Materialized.<String, ConnectSession, KeyValueStore<Bytes, byte[]>>as(CONNECT_SESSIONS_STORE));
        Topology topology = builder.build(streamsProperties);
        GlobalTables.addTimestamped(topology, Topics.TENANTS, TENANTS_STORE, serdes.of(Tenant.class));
        GlobalTables.addTimestamped(topology, Topics.APP_REGISTRATIONS, APP_REGISTRATIONS_STORE,
                serdes.of(AppRegistration.class));
        GlobalTables.addTimestamped(topology, Topics.TENANT_SECRETS, TENANT_SECRETS_STORE,
                serdes.of(TenantSecret.class));
        addVault(topology, serdes, new CredentialLifecycle(refresh));
        return topology;
    }

    private static void addVault(Topology topology, EventSerdes serdes, CredentialLifecycle lifecycle) {
        Serde<String> keys = Serdes.String();
        topology.addSource(SOURCE, keys.deserializer(), serdes.of(ConnectionEvent.class).deserializer(),
                        Topics.CONNECTION_EVENTS)
                .addProcessor(FOLDER, () -> new CredentialFolder(lifecycle), SOURCE)
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CREDENTIALS_STORE),
                        keys, serdes.of(StoredCredential.class)), FOLDER)
                .addSink(CREDENTIAL_UPDATED_SINK, Topics.CREDENTIAL_UPDATED, keys.serializer(),
                        widen(serdes.of(CredentialUpdated.class).serializer()), FOLDER)
                .addSink(REVOCATIONS_SINK, Topics.REVOCATIONS, keys.serializer(),
                        widen(serdes.of(Revocation.class).serializer()), FOLDER)
                .addSink(EXPIRY_TIMERS_SINK, Topics.EXPIRY_TIMERS, keys.serializer(),
                        widen(serdes.of(ExpiryTimer.class).serializer()), FOLDER)
                .addSink(CHECK_SUBJECTS_SINK, Topics.CHECK_SUBJECTS, keys.serializer(),
                        widen(serdes.of(CheckSubject.class).serializer()), FOLDER);
    }

    /** Each sink receives only its own record type from {@link CredentialFolder}; this widens the serializer. */
    @SuppressWarnings("unchecked")
    private static <T> Serializer<Object> widen(Serializer<T> serializer) {
        return (Serializer<Object>) serializer;
    }
}
