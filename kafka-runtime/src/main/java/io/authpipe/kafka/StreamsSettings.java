package io.authpipe.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import io.authpipe.kafka.deadletter.DeadLetterDeserializationHandler;
import io.authpipe.kafka.deadletter.DeadLetterProcessingHandler;
import io.authpipe.kafka.deadletter.DeadLetterProductionHandler;
import io.authpipe.kafka.deadletter.GlobalDeadLetters;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The settings of one instance of an Authpipe Kafka Streams application.
 *
 * <p>{@link #toProperties} always uses exactly-once v2 and <em>static membership</em>: the consumer's
 * {@code group.instance.id} is {@code <applicationId>-<instanceId>} (Streams appends {@code -<thread>}), so an
 * instance that restarts with the same {@code instanceId} within {@link #SESSION_TIMEOUT} gets its partitions back
 * without a rebalance. Give every instance of an application its own stable {@code instanceId}; two live instances
 * sharing one fence each other.
 *
 * <p>Every application installs Authpipe's dead-letter handlers (package {@code io.authpipe.kafka.deadletter}): a
 * record that cannot be deserialised, that a processor refuses or fails on, or whose output cannot be serialised
 * goes to {@code deadLetterTopic} with its reason, and processing continues.
 *
 * @param applicationId     the Streams {@code application.id} (consumer group and internal topic prefix)
 * @param instanceId        stable id of this instance (host name, pod name), unique within the application
 * @param stateDir          where RocksDB stores live; keep it out of the OS temp directory in production
 * @param numThreads        stream threads, at least 1
 * @param commitInterval    how often offsets and transactions commit; also bounds end-to-end latency under EOS
 * @param applicationServer {@code host:port} advertised for interactive queries, when this instance serves them
 * @param deadLetterTopic   where records that cannot be handled go, with their reason
 * @param standbyReplicas   {@code num.standby.replicas}: warm copies of each state store kept by other instances, so
 *                          a crashed instance's tasks resume on one of them without restoring from the changelog
 *                          ({@code AUTHPIPE_STANDBY_REPLICAS} in every service; 0 alone, 1 in the production shape)
 */
public record StreamsSettings(String applicationId, String instanceId, Path stateDir, int numThreads,
                              Duration commitInterval, Optional<String> applicationServer, String deadLetterTopic,
                              int standbyReplicas) {
    /** Consumer session timeout: how long a crashed static member keeps its partitions before a rebalance. */
    public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(15);

    public StreamsSettings {
        requireNonBlank(applicationId, "applicationId");
        requireNonBlank(instanceId, "instanceId");
        requireNonBlank(deadLetterTopic, "deadLetterTopic");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(applicationServer, "applicationServer");
        if (numThreads < 1) {
            throw new IllegalArgumentException("numThreads must be >= 1, got " + numThreads);
        }
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("commitInterval must be positive, got " + commitInterval);
        }
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("standbyReplicas must be >= 0, got " + standbyReplicas);
        }
    }

    /** Settings without standby replicas. */
    public StreamsSettings(String applicationId, String instanceId, Path stateDir, int numThreads,
                           Duration commitInterval, Optional<String> applicationServer, String deadLetterTopic) {
        this(applicationId, instanceId, stateDir, numThreads, commitInterval, applicationServer, deadLetterTopic, 0);
    }

    /** A copy keeping {@code count} standby replicas of every state store ({@code num.standby.replicas}). */
    public StreamsSettings withStandbyReplicas(int count) {
        return new StreamsSettings(applicationId, instanceId, stateDir, numThreads, commitInterval, applicationServer,
                deadLetterTopic, count);
    }

    /**
     * Authpipe's usual shape: one stream thread, commits every 100 ms (the end-to-end latency bound under EOS).
     */
    public static StreamsSettings singleThread(String applicationId, String instanceId, Path stateDir,
                                               Optional<String> applicationServer, String deadLetterTopic) {
        return new StreamsSettings(applicationId, instanceId, stateDir, 1, Duration.ofMillis(100), applicationServer,
                deadLetterTopic);
    }

    /** The static-membership id of this instance: {@code <applicationId>-<instanceId>}. */
    public String groupInstanceId() {
        return applicationId + "-" + instanceId;
    }

    /**
     * The Streams config: Authpipe's defaults ({@code replication.factor=-1}, i.e. the broker default;
     * {@code topology.optimization=all}; the dead-letter handlers for deserialization, processing and production
     * failures, sending to {@link #deadLetterTopic}; the classic group protocol; a {@link #SESSION_TIMEOUT} consumer
     * session), then the connection's extra client properties (which may
     * override those defaults), then this instance's identity and guarantees, which nothing overrides. No default
     * serdes are set: topologies pass serdes explicitly.
     */
    public Properties toProperties(KafkaConnection connection) {
        Properties props = new Properties();
        props.putAll(connection.layered(defaults(), identity()));
        return props;
    }

    /**
     * The sender of this instance's global-thread dead letters (see {@link GlobalDeadLetters}); put it in the
     * Streams config under {@link GlobalDeadLetters#CONFIG} and close it after the Streams instance.
     */
    public GlobalDeadLetters globalDeadLetters(KafkaConnection connection) {
        return new GlobalDeadLetters(connection.producerConfig(groupInstanceId() + "-global-dead-letters"));
    }

    private Map<String, Object> defaults() {
        return Map.of(
                StreamsConfig.REPLICATION_FACTOR_CONFIG, -1,
                StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE,
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class.getName(),
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName(),
                StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName(),
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic,
                StreamsConfig.GROUP_PROTOCOL_CONFIG, "classic",
                StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) SESSION_TIMEOUT.toMillis());
    }

    private Map<String, Object> identity() {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        identity.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        identity.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        identity.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, numThreads);
        identity.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        identity.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        identity.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), groupInstanceId());
        applicationServer.ifPresent(server -> identity.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server));
        return identity;
    }

    private static void requireNonBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
