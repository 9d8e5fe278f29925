package io.authpipe.health;

import io.authpipe.core.config.EnvReader;
import io.authpipe.core.instance.InstancePolicy;
import io.authpipe.core.ops.MetricsEndpoint;
import io.authpipe.core.ops.ServiceProcess;
import io.authpipe.events.ScheduledCheck;
import io.authpipe.health.check.CheckAttempt;
import io.authpipe.health.dispatch.CheckExecutor;
import io.authpipe.kafka.KafkaConnection;
import io.authpipe.kafka.RunningStreams;
import io.authpipe.kafka.StreamsSettings;
import io.authpipe.mastodon.MastodonClient;
import io.authpipe.mastodon.MastodonHttp;
import io.authpipe.records.EventPublisher;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import io.authpipe.vault.Vault;
import io.authpipe.vault.VaultPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health-worker process: its own Kafka Streams application ({@code authpipe-health-worker}) that checks every
 * connection holding a token at its provider, on a schedule and on request, and publishes what it finds to
 * {@code authpipe.connection-events}; the vault turns transitions into revocation and recovery events.
 */
public final class HealthWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthWorker.class);

    private final RunningStreams streams;
    private final CheckExecutor executor;
    private final EventPublisher publisher;
    private final PrometheusMeterRegistry meters;
    private final Optional<MetricsEndpoint> endpoint;

    private HealthWorker(RunningStreams streams, CheckExecutor executor, EventPublisher publisher,
                         PrometheusMeterRegistry meters, Optional<MetricsEndpoint> endpoint) {
        this.streams = streams;
        this.executor = executor;
        this.publisher = publisher;
        this.meters = meters;
        this.endpoint = endpoint;
    }

    /** Starts the worker; its meters are served at {@code /metrics} if a metrics port is configured. */
    public static HealthWorker start(HealthSettings settings, Clock clock) {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HealthMetrics metrics = new HealthMetrics(meters);
        SchemaRegistry registry = SchemaRegistry.fromUrl(settings.schemaRegistryUrl());
        KafkaConnection kafka = KafkaConnection.of(settings.kafkaBootstrap());
        Vault vault = new Vault(settings.kms().open(), VaultPolicy.defaults(), clock);
        MastodonClient mastodon = new MastodonClient(MastodonHttp.client(
                InstancePolicy.allowing(settings.instanceAllowList()), settings.userAgent(),
                settings.requestTimeout()), clock);
        EventPublisher publisher = new EventPublisher(
                kafka.producerConfig("authpipe-health-worker-" + settings.instanceId()), registry);
        CheckAttempt attempt = new CheckAttempt(vault, mastodon, publisher, metrics, settings.expiryMargin(),
                clock);
        CheckExecutor executor = new CheckExecutor(settings.dispatch(), attempt::run, metrics, clock);
        SecureRandom random = new SecureRandom();
        RunningStreams streams = RunningStreams.start(
                HealthTopology.build(registry, executor, settings, metrics, vault::decrypt, clock,
                        random::nextDouble),
                StreamsSettings.singleThread(settings.applicationId(), settings.instanceId(), settings.stateDir(),
                        Optional.empty(), Topics.DEAD_LETTERS).withStandbyReplicas(settings.standbyReplicas()),
                kafka);
        Optional<MetricsEndpoint> endpoint = settings.metricsPort()
                .map(port -> MetricsEndpoint.start(port, meters::scrape));
        LOG.info("health-worker running instance={} interval={}", settings.instanceId(), settings.cadence().interval());
        return new HealthWorker(streams, executor, publisher, meters, endpoint);
    }

    /** The worker's meters (names in {@link HealthMetrics}). */
    public MeterRegistry meters() {
        return meters;
    }

    /** The meters in the Prometheus text format. */
    public String scrape() {
        return meters.scrape();
    }

    /** The schedule of a connection this instance checks, if it has one (for operators and tests). */
    public Optional<ScheduledCheck> scheduled(String connectionKey) {
        ReadOnlyKeyValueStore<String, ScheduledCheck> checks = streams.keyValueStore(HealthTopology.CHECKS_STORE);
        return Optional.ofNullable(checks.get(connectionKey));
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Lets running checks finish and publish, then stops the stream and the producer. */
    @Override
    public void close() {
        executor.close();
        streams.close();
        publisher.close();
        endpoint.ifPresent(MetricsEndpoint::close);
    }

    /**
     * The health-worker process on its own: configuration from the environment; one process per state
     * directory, stopped within {@code AUTHPIPE_SHUTDOWN_TIMEOUT} on SIGTERM (see {@link ServiceProcess}).
     */
    public static void main(String[] args) throws InterruptedException {
        EnvReader env = EnvReader.system();
        Clock clock = Clock.systemUTC();
        HealthSettings settings = ServiceProcess.configure(() -> HealthSettings.fromEnv(
                env.required("KAFKA_BOOTSTRAP_SERVERS", "host:port,..."), env));
        ServiceProcess process = ServiceProcess.claim("health-worker", settings.stateDir(), env, clock);
        process.start("health-worker", () -> start(settings, clock));
        process.runUntilStopped();
    }
}
