package io.authpipe.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.internals.Topic;

/**
 * A topic Authpipe needs: its name, partition count, replication factor and topic-level configs.
 *
 * <p>A replication factor of {@value #BROKER_DEFAULT_REPLICATION} means the broker's
 * {@code default.replication.factor}. Instances are immutable; {@code with*} return copies.
 *
 * @param name              a legal Kafka topic name
 * @param partitions        at least 1; records are partitioned by key, so never shrink this
 * @param replicationFactor at least 1, or {@value #BROKER_DEFAULT_REPLICATION} for the broker default
 * @param configs           topic-level configs such as {@code cleanup.policy}
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {
    /** Replication factor meaning "the broker's {@code default.replication.factor}". */
    public static final short BROKER_DEFAULT_REPLICATION = -1;

    public TopicSpec {
        Topic.validate(Objects.requireNonNull(name, "name"));
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1, got " + partitions);
        }
        if (replicationFactor < 1 && replicationFactor != BROKER_DEFAULT_REPLICATION) {
            throw new IllegalArgumentException("topic " + name + ": replication factor must be >= 1 or -1");
        }
        configs = Map.copyOf(configs);
    }

    /** A log-compacted topic ({@code cleanup.policy=compact}): the latest record per key is kept forever. */
    public static TopicSpec compacted(String name, int partitions) {
        return new TopicSpec(name, partitions, BROKER_DEFAULT_REPLICATION,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    /** A topic whose records are deleted after {@code retention} ({@code cleanup.policy=delete}, {@code retention.ms}). */
    public static TopicSpec deleted(String name, int partitions, Duration retention) {
        return new TopicSpec(name, partitions, BROKER_DEFAULT_REPLICATION, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())));
    }

    public TopicSpec withReplicationFactor(short rf) {
        return new TopicSpec(name, partitions, rf, configs);
    }

    /** A copy with {@code key} set to {@code value} (replacing an earlier value). */
    public TopicSpec withConfig(String key, String value) {
        Map<String, String> merged = new HashMap<>(configs);
        merged.put(key, value);
        return new TopicSpec(name, partitions, replicationFactor, merged);
    }

    /** The Admin API request that creates this topic. */
    public NewTopic toNewTopic() {
        Optional<Short> rf = replicationFactor == BROKER_DEFAULT_REPLICATION ? Optional.empty() : Optional.of(replicationFactor);
        return new NewTopic(name, Optional.of(partitions), rf).configs(configs);
    }
}
