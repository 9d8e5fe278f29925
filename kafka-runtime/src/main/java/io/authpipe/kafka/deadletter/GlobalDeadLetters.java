package io.authpipe.kafka.deadletter;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the dead letters of a Streams application's global thread (global tables such as tenants and app
 * registrations). Kafka Streams 4.2 sends dead letters in the task's own transaction, which a global store does not
 * have, so the handlers hand those to this sender instead: its own idempotent producer, created on first use, outside
 * any transaction. A global store reads its topic again from its checkpoint after a restart, so such a dead letter
 * may be sent more than once.
 *
 * <p>The application's owner creates one, passes it to Kafka Streams in the config under {@link #CONFIG} (the
 * handlers find it there), and closes it after the Streams instance. Thread-safe.
 */
public final class GlobalDeadLetters implements AutoCloseable {
    /** The Streams config key under which the handlers look for this sender (an object, not a string). */
    public static final String CONFIG = "authpipe.dead-letters.global-sender";
    private static final Logger LOG = LoggerFactory.getLogger(GlobalDeadLetters.class);

    private final Map<String, Object> producerConfig;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean closed;

    /**
     * @param producerConfig the producer's config (bootstrap servers, security, client id); serializers are set here
     */
    public GlobalDeadLetters(Map<String, Object> producerConfig) {
        this.producerConfig = new HashMap<>(producerConfig);
    }

    /** Sends a dead letter without waiting; a failed send is logged (with the source, never the content). */
    public synchronized void send(ProducerRecord<byte[], byte[]> deadLetter) {
        if (closed) {
            LOG.warn("dead letter of the global thread dropped: the sender is closed");
            return;
        }
        producer().send(deadLetter, (metadata, e) -> {
            if (e != null) {
                LOG.warn("dead letter of the global thread not written to {}: {}", deadLetter.topic(),
                        e.getClass().getSimpleName());
            }
        });
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** Flushes and closes the producer, if one was created. */
    @Override
    public synchronized void close() {
        closed = true;
        if (producer != null) {
            producer.close();
        }
    }
}
