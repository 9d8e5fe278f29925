package io.authpipe.refresh;

import io.authpipe.core.config.EnvReader;
import io.authpipe.kafka.KafkaConnection;
import io.authpipe.kafka.RunningStreams;
import io.authpipe.kafka.StreamsSettings;
import io.authpipe.schemas.SchemaRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The refresh-worker process: its own Kafka Streams application ({@code authpipe-refresh-worker}). */
public final class RefreshWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshWorker.class);

    private final RunningStreams streams;

    private RefreshWorker(RunningStreams streams) {
        this.streams = streams;
    }

    /**
     * Settings: bootstrap servers, registry, instance id, state directory, how often due timers are scanned
     * ({@code AUTHPIPE_REFRESH_SCAN_INTERVAL}, default 1s) and how many due timers one scan takes at most
     * ({@code AUTHPIPE_REFRESH_MAX_DUE_PER_TICK}, 1 to 1,000,000, default
     * {@value RefreshTopology#DEFAULT_MAX_DUE_PER_TICK}).
     */
    public record Config(String kafkaBootstrap, Optional<String> schemaRegistryUrl, String applicationId,
                         String instanceId, Path stateDir, Duration scanInterval, int maxDuePerTick) {
        /** With {@link RefreshTopology#DEFAULT_MAX_DUE_PER_TICK}. */
        public Config(String kafkaBootstrap, Optional<String> schemaRegistryUrl, String applicationId,
                      String instanceId, Path stateDir, Duration scanInterval) {
            this(kafkaBootstrap, schemaRegistryUrl, applicationId, instanceId, stateDir, scanInterval,
                    RefreshTopology.DEFAULT_MAX_DUE_PER_TICK);
        }

        public static Config fromEnv(String kafkaBootstrap, EnvReader env) {
            return new Config(kafkaBootstrap, env.optional("SCHEMA_REGISTRY_URL"),
                    env.string("AUTHPIPE_REFRESH_APPLICATION_ID", "authpipe-refresh-worker"),
                    env.string("AUTHPIPE_INSTANCE_ID", "refresh-1"),
                    env.path("AUTHPIPE_STATE_DIR", Path.of(".authpipe", "state")).resolve("refresh-worker"),
                    env.duration("AUTHPIPE_REFRESH_SCAN_INTERVAL", Duration.ofSeconds(1)),
                    env.integer("AUTHPIPE_REFRESH_MAX_DUE_PER_TICK", RefreshTopology.DEFAULT_MAX_DUE_PER_TICK, 1,
                            1_000_000));
        }
    }

    public static RefreshWorker start(Config config, DueRefresh dueRefresh) {
        SchemaRegistry registry = SchemaRegistry.fromUrl(config.schemaRegistryUrl());
        StreamsSettings settings = StreamsSettings.singleThread(config.applicationId(), config.instanceId(),
                config.stateDir(), Optional.empty());
        RunningStreams streams = RunningStreams.start(
                RefreshTopology.build(registry, dueRefresh, config.scanInterval(), config.maxDuePerTick()),
                settings, KafkaConnection.of(config.kafkaBootstrap()));
        LOG.info("refresh-worker running instance={}", config.instanceId());
        return new RefreshWorker(streams);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close();
    }

    public static void main(String[] args) {
        EnvReader env = EnvReader.system();
        String bootstrap = env.required("KAFKA_BOOTSTRAP_SERVERS", "host:port,...");
        RefreshWorker worker = start(Config.fromEnv(bootstrap, env),
                (key, timer) -> LOG.info("refresh due connection={} version={}", key, timer.getVersion()));
        Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "refresh-worker-shutdown"));
    }
}
