package io.authpipe.records;

import io.authpipe.events.ConnectionEvent;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the workers' results (refreshes, health checks) to {@code authpipe.connection-events} and waits until they
 * are durable (acks=all, idempotent), so a result reported as published survives any crash that follows.
 * Thread-safe.
 */
public final class EventPublisher implements AutoCloseable {
    /** Producer delivery timeout; a refresh lease must be longer than a refresh plus this. */
    public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerde<ConnectionEvent> events;

    public EventPublisher(Map<String, Object> producerConfig, SchemaRegistry registry) {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.events = AvroSerde.of(ConnectionEvent.class, registry);
    }

    /** Publishes and waits for the acknowledgement; false if the event may not be on the topic. */
    public boolean publish(String connectionKey, ConnectionEvent event) {
        return send(new ProducerRecord<>(Topics.CONNECTION_EVENTS, connectionKey,
                events.serialize(Topics.CONNECTION_EVENTS, event)));
    }

    /** A tombstone for an app registration the server no longer knows ({@code invalid_client}). */
    public boolean forgetApp(String appRef) {
        return send(new ProducerRecord<>(Topics.APP_REGISTRATIONS, appRef, null));
    }

    private boolean send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(DELIVERY_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
