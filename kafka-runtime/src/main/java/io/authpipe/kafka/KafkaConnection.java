package io.authpipe.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * How every Authpipe client reaches Kafka: the bootstrap servers plus client properties applied to all clients
 * (security, SASL, timeouts, {@code replication.factor} for Streams...).
 *
 * <p>Each {@code *Config} method returns a fresh mutable map the caller owns, built in three layers: Authpipe's
 * defaults, then {@code extraClientProperties} (which may override a default), then the identity of the client
 * ({@code bootstrap.servers}, {@code client.id}, {@code group.id}), which nothing overrides. No serializers are
 * set: pass them to the client's constructor. {@link #toString()} names the extra keys, never their values.
 *
 * @param bootstrapServers      {@code host:port[,host:port...]}
 * @param extraClientProperties properties added to every client's config; may hold credentials
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> extraClientProperties) {

    public KafkaConnection {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be blank");
        }
        extraClientProperties = Map.copyOf(extraClientProperties);
    }

    /** A connection with no extra client properties. */
    public static KafkaConnection of(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /** Config for {@code Admin.create}. */
    public Map<String, Object> adminConfig() {
        return layered(Map.of(), Map.of());
    }

    /** Config for an idempotent producer with {@code acks=all}. */
    public Map<String, Object> producerConfig(String clientId) {
        return layered(
                Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, clientId));
    }

    /**
     * Config for a group consumer that reads committed records only, starts from the earliest offset when the group
     * has none, and commits offsets explicitly ({@code enable.auto.commit=false}).
     */
    public Map<String, Object> consumerConfig(String groupId, String clientId) {
        return layered(
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Map.of(ConsumerConfig.GROUP_ID_CONFIG, groupId, CommonClientConfigs.CLIENT_ID_CONFIG, clientId));
    }

    /** Defaults, then the extra client properties, then {@code identity} and the bootstrap servers. */
    Map<String, Object> layered(Map<String, Object> defaults, Map<String, Object> identity) {
        Map<String, Object> config = new LinkedHashMap<>(defaults);
        config.putAll(extraClientProperties);
        config.putAll(identity);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    @Override
    public String toString() {
        return "KafkaConnection[" + bootstrapServers + ", extra keys " + new TreeSet<>(extraClientProperties.keySet()) + "]";
    }
}
