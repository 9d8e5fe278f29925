package io.authpipe.benchmarks;

import io.authpipe.kafka.KafkaConnection;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the benchmark's input records as fast as the broker takes them: keys are UTF-8 strings (as Streams'
 * {@code Serdes.String()} reads them, so records land on the partitions the worker expects), values Avro bytes.
 * Sends are asynchronous and batched; {@link #flush()} waits for all of them and throws if any failed.
 */
final class TopicWriter implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    TopicWriter(String bootstrap, String clientId) {
        Map<String, Object> config = KafkaConnection.of(bootstrap).producerConfig(clientId);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    void send(String topic, String key, byte[] value) {
        send(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }

    void send(String topic, byte[] key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, e) -> {
            if (e != null) {
                firstFailure.compareAndSet(null, e);
            }
        });
    }

    /** Fetches {@code topic}'s metadata now, so the first send does not wait for it. */
    void awaitMetadata(String topic) {
        producer.partitionsFor(topic);
    }

    /** Waits until every record sent so far is acknowledged. */
    void flush() {
        producer.flush();
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("a benchmark record could not be written", failure);
        }
    }

    @Override
    public void close() {
        flush();
        producer.close();
    }
}
