package io.authpipe.refresh;

import io.authpipe.core.config.EnvReader;
import io.authpipe.core.instance.InstancePolicy;
import io.authpipe.core.ops.MetricsEndpoint;
import io.authpipe.core.ops.ServiceProcess;
import io.authpipe.kafka.KafkaConnection;
import io.authpipe.kafka.RunningStreams;
import io.authpipe.kafka.StreamsSettings;
import io.authpipe.mastodon.MastodonClient;
import io.authpipe.mastodon.MastodonHttp;
import io.authpipe.records.EventPublisher;
import io.authpipe.refresh.attempt.Backoff;
import io.authpipe.refresh.attempt.HostPauses;
import io.authpipe.refresh.attempt.RefreshAttempt;
import io.authpipe.refresh.attempt.RefreshExecutor;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import io.authpipe.vault.Vault;
import io.authpipe.vault.VaultPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refresh-worker process: its own Kafka Streams application ({@code authpipe-refresh-worker}) that keeps every
 * expiring credential fresh. Timers from the vault go into a due-time index; due ones are leased and handed to a
 * bounded executor that refreshes at the instance and publishes the result to {@code authpipe.connection-events}.
 */
public final class RefreshWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshWorker.class);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

    private final RunningStreams streams;
    private final RefreshExecutor executor;
    private final EventPublisher publisher;
    private final PrometheusMeterRegistry meters;
    private final Optional<MetricsEndpoint> endpoint;

    private RefreshWorker(RunningStreams streams, RefreshExecutor executor, EventPublisher publisher,
                          PrometheusMeterRegistry meters, Optional<MetricsEndpoint> endpoint) {
        this.streams = streams;
        this.executor = executor;
        this.publisher = publisher;
        this.meters = meters;
        this.endpoint = endpoint;
    }

    /** Starts the worker; its meters are served at {@code /metrics} if a metrics port is configured. */
    public static RefreshWorker start(RefreshSettings settings, Clock clock) {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SchemaRegistry registry = SchemaRegistry.fromUrl(settings.schemaRegistryUrl());
        KafkaConnection kafka = KafkaConnection.of(settings.kafkaBootstrap());
        RefreshMetrics metrics = new RefreshMetrics(meters);
        Vault vault = new Vault(settings.kms().open(), VaultPolicy.defaults(), clock);
        // no silent resend of a refresh on a failed pooled connection: a rotated refresh token must not be replayed
        MastodonClient mastodon = new MastodonClient(MastodonHttp.client(
                InstancePolicy.allowing(settings.instanceAllowList()), settings.userAgent(), settings.requestTimeout())
                .newBuilder().retryOnConnectionFailure(false).build(), clock);
        EventPublisher publisher = new EventPublisher(
                kafka.producerConfig("authpipe-refresh-worker-" + settings.instanceId()), registry);
        HostPauses pauses = new HostPauses();
        RefreshAttempt attempt = new RefreshAttempt(vault, mastodon, publisher,
                new Backoff(settings.backoffBase(), settings.backoffCap(), new SecureRandom()), pauses, metrics,
                settings.maxFailures(), settings.expiryMargin(), clock);
        RefreshExecutor executor = new RefreshExecutor(settings.maxInFlight(), settings.maxPerHost(), attempt, pauses,
                CLOSE_GRACE);
        metrics.inFlight(executor::inFlight);
        StreamsSettings streamsSettings = StreamsSettings.singleThread(settings.applicationId(),
                settings.instanceId(), settings.stateDir(), Optional.empty(), Topics.DEAD_LETTERS)
                .withStandbyReplicas(settings.standbyReplicas());
        RunningStreams streams = RunningStreams.start(
                RefreshTopology.build(registry, executor, settings.schedule(), metrics), streamsSettings, kafka);
        Optional<MetricsEndpoint> endpoint = settings.metricsPort().map(port -> MetricsEndpoint.start(port, meters::scrape));
        LOG.info("refresh-worker running instance={}", settings.instanceId());
        return new RefreshWorker(streams, executor, publisher, meters, endpoint);
    }

    /** The worker's meters (names in {@link RefreshMetrics}). */
    public MeterRegistry meters() {
        return meters;
    }

    /** The meters in the Prometheus text format. */
    public String scrape() {
        return meters.scrape();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Lets running refreshes finish and publish (up to 30 s) while the schedule still records their results, then
     * stops the stream and the producer.
     */
    @Override
    public void close() {
        executor.close();
        streams.close();
        publisher.close();
        endpoint.ifPresent(MetricsEndpoint::close);
    }

    /**
     * The refresh-worker process on its own: configuration from the environment; one process per state
     * directory, stopped within {@code AUTHPIPE_SHUTDOWN_TIMEOUT} on SIGTERM (see {@link ServiceProcess}).
     */
    public static void main(String[] args) throws InterruptedException {
        EnvReader env = EnvReader.system();
        Clock clock = Clock.systemUTC();
        RefreshSettings settings = ServiceProcess.configure(() -> RefreshSettings.fromEnv(
                env.required("KAFKA_BOOTSTRAP_SERVERS", "host:port,..."), env));
        ServiceProcess process = ServiceProcess.claim("refresh-worker", settings.stateDir(), env, clock);
        process.start("refresh-worker", () -> start(settings, clock));
        process.runUntilStopped();
    }
}
