package io.authpipe.health.pipeline;

import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.core.config.EnvReader;
import io.authpipe.health.HealthSettings;
import io.authpipe.health.HealthWorker;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.refresh.RefreshSettings;
import io.authpipe.refresh.RefreshWorker;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import io.authpipe.sandbox.mastodon.TokenPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Every Streams application of the pipeline on one real broker, each its own application as in production:
 * broker-api (the vault and the connect application), a refresh-worker and a health-worker, with a Mastodon sandbox
 * issuing 10-second tokens (refreshed 4 s before expiry). Each can be restarted on its state. The expiry margin is
 * 1 s (the default 10 s would close a 10-second token's check window before it opens), so a check can be sent in
 * the first 5 s or so of each token.
 */
final class WholePipeline implements AutoCloseable {
    private static final String EXPIRY_MARGIN = "1s";
    private final BrokerFixture broker;
    private final Path dir;
    private final String refreshApplicationId = "corpus-refresh-" + UUID.randomUUID().toString().substring(0, 8);
    private final String healthApplicationId = "corpus-health-" + UUID.randomUUID().toString().substring(0, 8);
    private RefreshWorker refresh;
    private HealthWorker health;

    private WholePipeline(BrokerFixture broker, Path dir) {
        this.broker = broker;
        this.dir = dir;
    }

    static WholePipeline start(EmbeddedKafka kafka, Path dir) {
        BrokerFixture broker = BrokerFixture.start(kafka, dir, SandboxConfig.defaults()
                        .withTokenPolicy(TokenPolicy.expiring(Duration.ofSeconds(10), false)),
                Map.of("AUTHPIPE_REFRESH_LEAD", "4s", "AUTHPIPE_REFRESH_JITTER", "1s",
                        "AUTHPIPE_EXPIRY_MARGIN", EXPIRY_MARGIN), Clock.systemUTC());
        WholePipeline pipeline = new WholePipeline(broker, dir);
        pipeline.startWorkers();
        return pipeline;
    }

    BrokerFixture broker() {
        return broker;
    }

    RefreshWorker refresh() {
        return refresh;
    }

    HealthWorker health() {
        return health;
    }

    /** The application id of each Streams application, by the name {@link #states()} uses. */
    Map<String, String> applicationIds() {
        return Map.of("vault", broker.applicationId(), "connect", broker.applicationId() + "-connect",
                "refresh", refreshApplicationId, "health", healthApplicationId);
    }

    /** The state of every Streams application. */
    Map<String, KafkaStreams.State> states() {
        Map<String, KafkaStreams.State> states = new LinkedHashMap<>(broker.broker().streamsStates());
        states.put("refresh", refresh.state());
        states.put("health", health.state());
        return states;
    }

    /** Stops every application and starts it again on the same state and identity. */
    void restartAll() {
        refresh.close();
        health.close();
        broker.restart();
        startWorkers();
    }

    /** Stops every application, deletes its local state and starts it again: every store is restored from Kafka. */
    void restartAllWithoutState() {
        refresh.close();
        health.close();
        deleteRecursively(dir.resolve("refresh-state"));
        deleteRecursively(dir.resolve("health-state"));
        broker.restartWithoutState();
        startWorkers();
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startWorkers() {
        refresh = RefreshWorker.start(RefreshSettings.fromEnv(broker.kafkaBootstrap(), new EnvReader(Map.of(
                "AUTHPIPE_STATE_DIR", dir.resolve("refresh-state").toString(),
                "AUTHPIPE_KEY_FILE", dir.resolve("master.key").toString(),
                "AUTHPIPE_INSTANCE_ALLOWLIST", broker.sandboxAuthority(),
                "AUTHPIPE_REFRESH_APPLICATION_ID", refreshApplicationId,
                "AUTHPIPE_REFRESH_SCAN_INTERVAL", "200ms",
                "AUTHPIPE_REFRESH_TIMEOUT", "3s",
                "AUTHPIPE_REFRESH_BACKOFF_BASE", "1s",
                "AUTHPIPE_REFRESH_BACKOFF_CAP", "2s",
                "AUTHPIPE_EXPIRY_MARGIN", EXPIRY_MARGIN))), Clock.systemUTC());
        health = HealthWorker.start(HealthSettings.fromEnv(broker.kafkaBootstrap(), new EnvReader(Map.of(
                "AUTHPIPE_STATE_DIR", dir.resolve("health-state").toString(),
                "AUTHPIPE_KEY_FILE", dir.resolve("master.key").toString(),
                "AUTHPIPE_INSTANCE_ALLOWLIST", broker.sandboxAuthority(),
                "AUTHPIPE_HEALTH_APPLICATION_ID", healthApplicationId,
                "AUTHPIPE_HEALTH_SCAN_INTERVAL", "100ms",
                "AUTHPIPE_HEALTH_TIMEOUT", "3s",
                "AUTHPIPE_HEALTH_IN_FLIGHT_TIMEOUT", "30s",
                "AUTHPIPE_HEALTH_RETRY_BASE", "2s",
                "AUTHPIPE_EXPIRY_MARGIN", EXPIRY_MARGIN))), Clock.systemUTC());
    }

    @Override
    public void close() {
        if (refresh != null) {
            refresh.close();
        }
        if (health != null) {
            health.close();
        }
        broker.close();
    }
}
