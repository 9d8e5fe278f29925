package io.authpipe.health;

import io.authpipe.core.config.EnvReader;
import io.authpipe.kafka.KafkaConnection;
import io.authpipe.kafka.RunningStreams;
import io.authpipe.kafka.StreamsSettings;
import io.authpipe.schemas.SchemaRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The health-worker process: its own Kafka Streams application ({@code authpipe-health-worker}). */
public final class HealthWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthWorker.class);

    private final RunningStreams streams;

    private HealthWorker(RunningStreams streams) {
        this.streams = streams;
    }

    /** Settings: bootstrap servers, registry, instance id, state directory, and the base check interval. */
    public record Config(String kafkaBootstrap, Optional<String> schemaRegistryUrl, String applicationId,
                         String instanceId, Path stateDir, Duration checkInterval) {
        public static Config fromEnv(String kafkaBootstrap, EnvReader env) {
            return new Config(kafkaBootstrap, env.optional("SCHEMA_REGISTRY_URL"),
                    env.string("AUTHPIPE_HEALTH_APPLICATION_ID", "authpipe-health-worker"),
                    env.string("AUTHPIPE_INSTANCE_ID", "health-1"),
                    env.path("AUTHPIPE_STATE_DIR", Path.of(".authpipe", "state")).resolve("health-worker"),
                    env.duration("AUTHPIPE_HEALTH_INTERVAL", Duration.ofMinutes(30)));
        }
    }

    public static HealthWorker start(Config config, DueCheck dueCheck) {
        SchemaRegistry registry = SchemaRegistry.fromUrl(config.schemaRegistryUrl());
        StreamsSettings settings = StreamsSettings.singleThread(config.applicationId(), config.instanceId(),
                config.stateDir(), Optional.empty());
        SecureRandom random = new SecureRandom();
        RunningStreams streams = RunningStreams.start(HealthTopology.build(registry, dueCheck,
                config.checkInterval(), random::nextDouble), settings, KafkaConnection.of(config.kafkaBootstrap()));
        LOG.info("health-worker running instance={}", config.instanceId());
        return new HealthWorker(streams);
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
        HealthWorker worker = start(Config.fromEnv(bootstrap, env),
                (key, connection) -> LOG.info("health check due connection={}", key));
        Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "health-worker-shutdown"));
    }
}
