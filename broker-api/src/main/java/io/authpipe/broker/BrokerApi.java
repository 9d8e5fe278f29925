package io.authpipe.broker;

import io.authpipe.broker.config.BrokerConfig;
import io.authpipe.broker.flow.AppRegistry;
import io.authpipe.broker.flow.ConnectRequestTopology;
import io.authpipe.broker.events.EventFeed;
import io.authpipe.broker.events.EventStreams;
import io.authpipe.broker.http.HttpApi;
import io.authpipe.events.CredentialUpdated;
import io.authpipe.broker.keys.RotationResumer;
import io.authpipe.broker.kafka.EventSerdes;
import io.authpipe.broker.kafka.PipelineTopics;
import io.authpipe.broker.kafka.Publisher;
import io.authpipe.broker.producers.ProducerKeys;
import io.authpipe.broker.routing.StoreRouter;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.broker.tenant.TenantRegistry;
import io.authpipe.broker.vault.VaultTopology;
import io.authpipe.kafka.KafkaConnection;
import io.authpipe.kafka.StreamsRunner;
import io.authpipe.kafka.StreamsSettings;
import io.authpipe.kafka.TopicAdmin;
import io.authpipe.kafka.deadletter.GlobalDeadLetters;
import io.authpipe.records.SignedRequests;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.TopicSubjects;
import io.authpipe.topics.Topics;
import io.authpipe.vault.Vault;
import io.authpipe.vault.VaultPolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker-api process: the vault topology and its stores, the connect-request topology, the OAuth flow and the
 * HTTP API, wired explicitly. {@link #start} returns when the Streams applications are RUNNING and the HTTP API
 * serves.
 */
public final class BrokerApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerApi.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration ROTATION_PASS_INTERVAL = Duration.ofSeconds(10);

    private final KafkaStreams vaultStreams;
    private final GlobalDeadLetters vaultDeadLetters;
    private final KafkaStreams connectStreams;
    private final HttpApi http;
    private final EventStreams events;
    private final RotationResumer resumer;
    private final Publisher publisher;
    private final TenantRegistry tenants;
    private final AppRegistry apps;
    private final ProducerKeys producerKeys;
    private final URI publicUrl;

    private BrokerApi(KafkaStreams vaultStreams, GlobalDeadLetters vaultDeadLetters, KafkaStreams connectStreams,
                      HttpApi http, EventStreams events, RotationResumer resumer, Publisher publisher,
                      TenantRegistry tenants, AppRegistry apps, ProducerKeys producerKeys, URI publicUrl) {
        this.events = events;
        this.resumer = resumer;
        this.vaultStreams = vaultStreams;
        this.vaultDeadLetters = vaultDeadLetters;
        this.connectStreams = connectStreams;
        this.http = http;
        this.publisher = publisher;
        this.tenants = tenants;
        this.apps = apps;
        this.producerKeys = producerKeys;
        this.publicUrl = publicUrl;
    }

    public static BrokerApi start(BrokerConfig config, Clock clock) {
        int port = config.httpPort() == 0 ? Ports.free() : config.httpPort();
        String scheme = config.http().tls().isPresent() ? "https" : "http";
        URI publicUrl = config.publicUrl().orElse(URI.create(scheme + "://" + config.httpHost() + ':' + port));
        HostInfo self = config.advertisedUrl().map(BrokerApi::hostInfo)
                .orElse(new HostInfo(config.httpHost(), port));
        KafkaConnection kafka = KafkaConnection.of(config.kafkaBootstrap());
        TopicAdmin.ensureTopics(kafka.adminConfig(), PipelineTopics.specs(config.partitions(), config.replicationFactor()),
                Duration.ofSeconds(60));

        Vault vault = new Vault(config.kms().open(), VaultPolicy.defaults(), clock);
        SchemaRegistry registry = SchemaRegistry.fromUrl(config.schemaRegistryUrl());
        publishSubjects(registry);
        EventSerdes serdes = new EventSerdes(registry);
        Publisher publisher = new Publisher(producerConfig(config, kafka), serdes, config.publishTimeout());

        StreamsSettings vaultSettings = streamsSettings(config, config.applicationId(), "vault", Optional.of(self));
        Properties vaultProps = vaultSettings.toProperties(kafka);
        GlobalDeadLetters vaultDeadLetters = vaultSettings.globalDeadLetters(kafka);
        vaultProps.put(GlobalDeadLetters.CONFIG, vaultDeadLetters);
        KafkaStreams vaultStreams = new KafkaStreams(VaultTopology.build(serdes, vaultProps, config.refresh()), vaultProps);
        StoreRouter router = new StoreRouter(vaultStreams, self);

        EventStreams events = new EventStreams(EventFeed.start(kafka.consumerConfig(
                "authpipe-events-" + config.instanceId(), "authpipe-events-" + config.instanceId()),
                serdes.of(CredentialUpdated.class)), config.events());
        HttpApi.Services services = ServiceWiring.wire(config, publicUrl, router, publisher, vault, events, clock);

        StreamsRunner.startAndAwaitRunning(vaultStreams, STARTUP_TIMEOUT);
        Properties connectProps = streamsSettings(config,
                config.applicationId() + ConnectRequestTopology.APPLICATION_SUFFIX, "connect", Optional.empty())
                .toProperties(kafka);
        KafkaStreams connectStreams = StreamsRunner.startAndAwaitRunning(
                ConnectRequestTopology.build(serdes, services.tenants(), new SignedRequests(
                        services.producerKeys()::find, config.topicRequests(), clock), services.sessions()), connectProps,
                STARTUP_TIMEOUT);
        services.rotations().upgradeLegacyTenants(services.tenants().all());
        issueInternalProducerKeys(services);
        HttpApi http = new HttpApi(services).start(config.httpHost(), port);
        RotationResumer resumer = new RotationResumer(services.tenants()::all, services.rotations())
                .start(ROTATION_PASS_INTERVAL);
        LOG.info("broker-api ready url={} instance={}", publicUrl, config.instanceId());
        return new BrokerApi(vaultStreams, vaultDeadLetters, connectStreams, http, events, resumer, publisher,
                services.tenants(), services.apps(), services.producerKeys(), publicUrl);
    }

    /**
     * Registers every topic's value schema under its subject with Authpipe's compatibility level (see
     * {@link TopicSubjects}), so producers find the input subjects before anything was written. A refusal is logged
     * and start-up goes on: the topics it concerns fail at their first write, with the same reason.
     */
    private static void publishSubjects(SchemaRegistry registry) {
        if (registry.url().isEmpty()) {
            return;
        }
        for (TopicSubjects.Outcome outcome : TopicSubjects.publish(registry)) {
            if (outcome instanceof TopicSubjects.Published published) {
                LOG.info("subject {} schema id {} compatibility {}", published.subject(), published.schemaId(),
                        published.compatibility());
            } else if (outcome instanceof TopicSubjects.Refused refused) {
                LOG.error("subject {} not registered: {}", refused.subject(), refused.reason());
            }
        }
    }

    /**
     * POST .../check signs with broker-api's own key of the tenant: issue it now for tenants that have none, so the
     * health-workers hold it before the first check. Nothing here stops the start (a KMS that is down, a tenant
     * record whose key the KMS does not know): the first check issues the key, or fails with its own answer.
     */
    private static void issueInternalProducerKeys(HttpApi.Services services) {
        for (Tenant tenant : services.tenants().all()) {
            try {
                services.producerKeys().ensureInternal(tenant);
            } catch (RuntimeException e) {
                LOG.warn("broker-api's producer key of tenant {} not issued at start-up: {}", tenant.id().value(),
                        e.getClass().getSimpleName());
            }
        }
    }

    /** An advertised URL's host and port (the scheme's default port when it names none). */
    private static HostInfo hostInfo(URI url) {
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return new HostInfo(url.getHost(), port);
    }

    /** The request path's producer: a send blocks (for metadata or buffer room) no longer than a publish may take. */
    private static java.util.Map<String, Object> producerConfig(BrokerConfig config, KafkaConnection kafka) {
        java.util.Map<String, Object> producer = new java.util.HashMap<>(
                kafka.producerConfig("authpipe-broker-api-" + config.instanceId()));
        producer.put(org.apache.kafka.clients.producer.ProducerConfig.MAX_BLOCK_MS_CONFIG,
                config.publishTimeout().toMillis());
        return producer;
    }

    /** One Streams application of this process; what it cannot handle goes to {@code authpipe.dead-letters}. */
    private static StreamsSettings streamsSettings(BrokerConfig config, String applicationId, String stateSubdir,
                                                   Optional<HostInfo> server) {
        return StreamsSettings.singleThread(applicationId, config.instanceId(), config.stateDir().resolve(stateSubdir),
                server.map(h -> h.host() + ':' + h.port()), Topics.DEAD_LETTERS)
                .withStandbyReplicas(config.standbyReplicas());
    }

    /** The base URL browsers and instances reach this API at. */
    public URI publicUrl() {
        return publicUrl;
    }

    public int httpPort() {
        return http.port();
    }

    public TenantRegistry tenants() {
        return tenants;
    }

    /** The tenants' OAuth apps at the instances. */
    /** The tenants' producer signing keys, broker-api's own included. */
    public ProducerKeys producerKeys() {
        return producerKeys;
    }

    public AppRegistry apps() {
        return apps;
    }

    /** The state of each of this process's Streams applications, by name ({@code vault}, {@code connect}). */
    public Map<String, KafkaStreams.State> streamsStates() {
        return Map.of("vault", vaultStreams.state(), "connect", connectStreams.state());
    }

    @Override
    public void close() {
        resumer.close();
        events.close();
        http.close();
        connectStreams.close(Duration.ofSeconds(10));
        vaultStreams.close(Duration.ofSeconds(10));
        vaultDeadLetters.close();
        publisher.close();
    }

    /** Picks a free port when the configuration asks for any (0): Streams must advertise the port before it binds. */
    private static final class Ports {
        static int free() {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("no free port", e);
            }
        }
    }
}
