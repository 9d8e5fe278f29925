package io.authpipe.kafka;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain string producers and consumers for the tests, configured through {@link KafkaConnection}. */
final class TestClients {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TestClients() {
    }

    static void produce(String bootstrap, String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = producer(bootstrap, Map.of())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("produce to " + topic + " failed", e);
        }
    }

    static KafkaProducer<String, String> producer(String bootstrap, Map<String, Object> extra) {
        Map<String, Object> config = KafkaConnection.of(bootstrap).producerConfig("test-producer");
        config.putAll(extra);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** Reads {@code topic} (read_committed) from the start until at least {@code count} records arrived. */
    static List<ConsumerRecord<String, String>> consume(String bootstrap, String topic, int count) {
        Map<String, Object> config = KafkaConnection.of(bootstrap).consumerConfig("test-" + topic, "test-consumer");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return records.size() >= count;
            });
        }
        return records;
    }

    /** Reads {@code topic} (read_committed) from the start until a record has {@code key} and {@code value}. */
    static void awaitRecord(String bootstrap, String topic, String key, String value) {
        Map<String, Object> config = KafkaConnection.of(bootstrap).consumerConfig("test-" + topic, "test-consumer");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(TIMEOUT).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    if (key.equals(r.key()) && value.equals(r.value())) {
                        return true;
                    }
                }
                return false;
            });
        }
    }
}
