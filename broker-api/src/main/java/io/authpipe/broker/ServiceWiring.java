package io.authpipe.broker;

import io.authpipe.broker.config.BrokerConfig;
import io.authpipe.broker.connection.CheckRequests;
import io.authpipe.broker.connection.ConnectionStore;
import io.authpipe.broker.connection.ConnectionTraces;
import io.authpipe.broker.connection.ConnectionWriter;
import io.authpipe.broker.connection.CredentialReader;
import io.authpipe.broker.connection.DisconnectService;
import io.authpipe.broker.connection.UrgentRefresh;
import io.authpipe.broker.flow.AppRef;
import io.authpipe.broker.flow.AppRegistry;
import io.authpipe.broker.flow.CallbackService;
import io.authpipe.broker.flow.CallbackUrls;
import io.authpipe.broker.flow.ConnectService;
import io.authpipe.broker.flow.PendingAuthorizations;
import io.authpipe.broker.flow.RegistrationThrottle;
import io.authpipe.broker.events.EventStreams;
import io.authpipe.broker.http.HttpApi;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.authpipe.broker.kafka.Publisher;
import io.authpipe.broker.keys.KeyRotations;
import io.authpipe.broker.keys.TenantEraser;
import io.authpipe.broker.routing.Ownership;
import io.authpipe.broker.routing.StoreRouter;
import io.authpipe.broker.producers.ProducerKeys;
import io.authpipe.broker.secrets.TenantSecrets;
import io.authpipe.broker.session.ConnectSessionService;
import io.authpipe.broker.session.ConnectSessions;
import io.authpipe.broker.tenant.TenantRecords;
import io.authpipe.broker.tenant.TenantRegistry;
import io.authpipe.broker.vault.VaultTopology;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.core.identity.TenantId;
import io.authpipe.core.instance.InstancePolicy;
import io.authpipe.events.AppRegistration;
import io.authpipe.events.ConnectSession;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.PendingAuthorization;
import io.authpipe.events.Tenant;
import io.authpipe.events.TenantSecret;
import io.authpipe.mastodon.MastodonClient;
import io.authpipe.mastodon.MastodonHttp;
import io.authpipe.mastodon.ServerDirectory;
import io.authpipe.vault.Vault;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/** Builds broker-api's services over its stores, publisher and vault: the explicit wiring, in one place. */
final class ServiceWiring {
    private static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration URGENT_REFRESH_COOLDOWN = Duration.ofSeconds(10);

    private ServiceWiring() {
    }

    static HttpApi.Services wire(BrokerConfig config, URI publicUrl, StoreRouter router, Publisher publisher,
                                 Vault vault, EventStreams events, Clock clock) {
        InstancePolicy instances = InstancePolicy.allowing(config.instanceAllowList());
        MastodonClient mastodon = new MastodonClient(
                MastodonHttp.client(instances, config.userAgent(), PROVIDER_TIMEOUT), clock);
        ServerDirectory servers = new ServerDirectory(mastodon, clock);
        TenantRegistry tenants = new TenantRegistry(id -> ServiceWiring.<Tenant>lookup(router,
                VaultTopology.TENANTS_STORE, id.value()).flatMap(t -> TenantRecords.fromStore(id.value(), t)),
                () -> ServiceWiring.<Tenant>entries(router, VaultTopology.TENANTS_STORE).entrySet().stream()
                        .flatMap(e -> TenantRecords.fromStore(e.getKey(), e.getValue()).stream()).toList(),
                publisher, vault, clock);
        AppRegistry apps = new AppRegistry(ref -> ServiceWiring.<AppRegistration>lookup(router,
                VaultTopology.APP_REGISTRATIONS_STORE, ref.value()), tenant -> ofTenant(router,
                VaultTopology.APP_REGISTRATIONS_STORE, tenant, AppRef::new), mastodon, vault, publisher,
                new RegistrationThrottle(config.registrationLimit(), config.registrationWindow()), clock);
        PendingAuthorizations flows = new PendingAuthorizations(
                hash -> ServiceWiring.<PendingAuthorization>lookup(router, VaultTopology.AUTHORIZATIONS_STORE, hash),
                hash -> router.ownerOf(VaultTopology.AUTHORIZATIONS_STORE, hash) instanceof Ownership.Local, publisher);
        ConnectSessions sessions = new ConnectSessions(
                id -> ServiceWiring.<ConnectSession>lookup(router, VaultTopology.CONNECT_SESSIONS_STORE, id),
                id -> router.ownerOf(VaultTopology.CONNECT_SESSIONS_STORE, id) instanceof Ownership.Local, publisher);
        ConnectionStore connections = new ConnectionStore(router);
        ConnectionWriter writer = new ConnectionWriter(publisher, vault, connections, clock);
        CredentialReader reader = new CredentialReader(vault);
        ConnectionTraces traces = new ConnectionTraces(
                () -> connectionsIn(router, VaultTopology.AUTHORIZATIONS_STORE, PendingAuthorization::getConnection),
                () -> connectionsIn(router, VaultTopology.CONNECT_SESSIONS_STORE, ConnectSession::getConnection),
                publisher);
        DisconnectService disconnects = new DisconnectService(reader, apps, servers, mastodon, writer, traces);
        TenantSecrets secrets = new TenantSecrets(key -> ServiceWiring.<TenantSecret>lookup(router,
                VaultTopology.TENANT_SECRETS_STORE, key), tenant -> ofTenant(router, VaultTopology.TENANT_SECRETS_STORE,
                tenant, k -> k), publisher, vault, clock);
        ProducerKeys producerKeys = new ProducerKeys(secrets, tenants);
        ConnectService connect = new ConnectService(instances, servers, apps, flows, vault,
                new CallbackUrls(publicUrl), config.flowTtl(), clock);
        ConnectSessionService sessionService = new ConnectSessionService(connect, sessions, tenants,
                publicUrl.toString().replaceAll("/+$", ""), ConnectSessionService.MAX_TTL, clock);
        return new HttpApi.Services(tenants, apps, sessionService,
                new CallbackService(tenants, flows, apps, servers, mastodon, writer, vault, sessionService, clock),
                connections, reader, new UrgentRefresh(writer, URGENT_REFRESH_COOLDOWN, clock), disconnects,
                new CheckRequests(publisher, producerKeys, clock), secrets, producerKeys,
                new KeyRotations(tenants, vault, connections, reader, writer, apps, secrets,
                        config.keyRotationSettle(), clock),
                new TenantEraser(disconnects, writer, traces, apps, secrets, tenants, vault),
                router, events, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), config.adminToken(), config.http(), config.peers(), peerScheme(config), clock);
    }

    /** Peers are called like this instance is advertised: https when its advertised URL says so or it serves TLS. */
    static String peerScheme(BrokerConfig config) {
        return config.advertisedUrl().map(URI::getScheme)
                .orElse(config.http().tls().isPresent() ? "https" : "http");
    }

    /** Every entry of a global store whose key starts with {@code tenant:}, keyed by {@code toKey(key)}. */
    private static <K, V> Map<K, V> ofTenant(StoreRouter router, String store, TenantId tenant,
                                             Function<String, K> toKey) {
        Map<K, V> entries = new LinkedHashMap<>();
        router.<V>local(store).ifPresent(s -> {
            try (KeyValueIterator<String, V> it = s.prefixScan(ConnectionKey.kafkaKeyPrefix(tenant),
                    new StringSerializer())) {
                it.forEachRemaining(kv -> {
                    if (kv.value != null) {
                        entries.put(toKey.apply(kv.key), kv.value);
                    }
                });
            }
        });
        return entries;
    }

    /**
     * This instance's part of a store as key → the connection its value names. A value that cannot be read (a record
     * its source refused, restored byte for byte; see {@link #lookup}) is skipped: it names nobody we can find.
     */
    private static <V> Map<String, ConnectionRef> connectionsIn(StoreRouter router, String store,
                                                                Function<V, ConnectionRef> connection) {
        Map<String, ConnectionRef> entries = new LinkedHashMap<>();
        router.<V>local(store).ifPresent(s -> {
            try (KeyValueIterator<String, V> it = s.all()) {
                while (it.hasNext()) {
                    try {
                        KeyValue<String, V> kv = it.next();
                        if (kv.value != null) {
                            entries.put(kv.key, connection.apply(kv.value));
                        }
                    } catch (SerializationException unreadable) {
                        // the iterator moved past it
                    }
                }
            }
        });
        return entries;
    }

    private static <V> Map<String, V> entries(StoreRouter router, String store) {
        Map<String, V> entries = new LinkedHashMap<>();
        router.<V>local(store).ifPresent(s -> {
            try (KeyValueIterator<String, V> it = s.all()) {
                it.forEachRemaining(kv -> entries.put(kv.key, kv.value));
            }
        });
        return entries;
    }

    /**
     * The value under {@code key}. A table whose source topic is its changelog ({@code authorizations}) is restored
     * byte for byte, so a record its source refused (a dead letter) can be in the store: it is absent here too.
     */
    private static <V> Optional<V> lookup(StoreRouter router, String store, String key) {
        try {
            return router.<V>local(store).map(s -> s.get(key));
        } catch (SerializationException e) {
            return Optional.empty();
        }
    }
}
