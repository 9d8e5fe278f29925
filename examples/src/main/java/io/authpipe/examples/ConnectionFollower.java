package io.authpipe.examples;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A service that follows connections: reads {@code authpipe.credential-updated} and {@code authpipe.revocations}
 * with the plain Kafka consumer and prints one line per record. The topics never carry a token: fetch the credential
 * with getCredential when a connection's {@code version} changes. A null value is a tombstone: the connection was
 * deleted, forget what you kept about its key.
 *
 * <pre>KAFKA_BOOTSTRAP_SERVERS=localhost:9092 SCHEMA_REGISTRY_URL=http://localhost:8081/apis/ccompat/v7 \
 *   java -cp ... io.authpipe.examples.ConnectionFollower</pre>
 */
public final class ConnectionFollower implements AutoCloseable {
    public static final List<String> TOPICS = List.of("authpipe.credential-updated", "authpipe.revocations");

    /** One record as the follower saw it; {@code value} is null for a tombstone. */
    public record Seen(String topic, String key, Object value, long lagMillis) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final ConfluentAvro avro;

    public ConnectionFollower(String bootstrap, URI registry, String groupId) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // Authpipe writes under exactly-once: never see a record of an aborted transaction
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.avro = new ConfluentAvro(registry);
        consumer.subscribe(TOPICS);
    }

    /** Polls once and hands every record to {@code sink}. */
    public void poll(Duration timeout, Consumer<Seen> sink) {
        long now = System.currentTimeMillis();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            Object value = record.value() == null ? null : avro.decode(record.value());
            sink.accept(new Seen(record.topic(), record.key(), value, now - record.timestamp()));
        }
    }

    @Override
    public void close() {
        consumer.close();
    }

    public static void main(String[] args) {
        try (ConnectionFollower follower = new ConnectionFollower(
                System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                URI.create(System.getenv().getOrDefault("SCHEMA_REGISTRY_URL", "http://localhost:8081/apis/ccompat/v7")),
                System.getenv().getOrDefault("GROUP_ID", "example-connection-follower"))) {
            while (!Thread.currentThread().isInterrupted()) {
                follower.poll(Duration.ofSeconds(1), seen -> System.out.println(seen));
            }
        }
    }
}
