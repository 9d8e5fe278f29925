package io.authpipe.broker.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes Avro records from request handlers (outside Kafka Streams) and waits for the broker's
 * acknowledgement, so an HTTP 2xx means the event is durable. Idempotent, {@code acks=all}.
 */
public final class Publisher implements AutoCloseable {
    private static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaProducer<String, byte[]> producer;
    private final EventSerdes serdes;
    private final Duration ackTimeout;

    public Publisher(Map<String, Object> producerConfig, EventSerdes serdes) {
        this(producerConfig, serdes, DEFAULT_ACK_TIMEOUT);
    }

    /** @param ackTimeout how long {@link #publish} waits for the acknowledgement before it fails */
    public Publisher(Map<String, Object> producerConfig, EventSerdes serdes, Duration ackTimeout) {
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        this.serdes = serdes;
        this.ackTimeout = ackTimeout;
    }

    /** Sends and waits for the acknowledgement. {@code value} null writes a tombstone. */
    public void publish(String topic, String key, SpecificRecord value) {
        byte[] bytes = value == null ? null : serdes.serialize(topic, value);
        try {
            producer.send(new ProducerRecord<>(topic, key, bytes)).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishException("could not publish to " + topic + ": " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** Kafka did not acknowledge a record in time. Retryable: the record may or may not have been written. */
    public static final class PublishException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
