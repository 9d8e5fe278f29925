package io.authpipe.benchmarks;

import io.authpipe.events.CheckOutcome;
import io.authpipe.events.CheckReason;
import io.authpipe.events.CheckRequest;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.CredentialChecked;
import io.authpipe.kafka.KafkaConnection;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Detection of a revoked token when a consuming service reports it: the token is revoked at the sandbox, a
 * {@link CheckRequest} ({@code TOKEN_REFUSED}, status 401) goes to {@code authpipe.check-requests} as the service
 * would write it, and the probe reads {@code authpipe.connection-events} until the worker's {@link CredentialChecked}
 * {@code REVOKED} for that connection appears. The latency runs from just before the revocation to the result's
 * record timestamp (the worker's producer sets it when it sends the result), both from the system clock: exact, to the
 * millisecond. The vault, which would turn the result into a revocation, is not part of the benchmark.
 */
final class RevocationProbe implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final ScaleEnvironment env;
    private final Clock workerClock;
    private final KafkaConsumer<String, byte[]> events;
    private final TopicWriter requests;
    private final AvroSerde<ConnectionEvent> eventSerde = AvroSerde.of(ConnectionEvent.class, SchemaRegistry.none());
    private final AvroSerde<CheckRequest> requestSerde = AvroSerde.of(CheckRequest.class, SchemaRegistry.none());

    /**
     * Starts reading {@code authpipe.connection-events} at its end.
     *
     * @param workerClock the worker's time, which a consuming service's {@code requestedAt} would be in
     */
    RevocationProbe(ScaleEnvironment env, Clock workerClock) {
        this.env = env;
        this.workerClock = workerClock;
        Map<String, Object> config = KafkaConnection.of(env.bootstrap())
                .consumerConfig("bench-probe-" + UUID.randomUUID(), "bench-probe");
        this.events = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = IntStream.range(0, ScaleEnvironment.PARTITIONS)
                .mapToObj(partition -> new TopicPartition(Topics.CONNECTION_EVENTS, partition)).toList();
        events.assign(partitions);
        events.seekToEnd(partitions);
        partitions.forEach(events::position); // resolve the end now, before anything is requested
        this.requests = new TopicWriter(env.bootstrap(), "bench-check-requests");
        requests.awaitMetadata(Topics.CHECK_REQUESTS);
    }

    /** Revokes {@code sample}'s token, requests a check and returns how long until the worker reported it revoked. */
    Duration detect(SampleConnection sample) {
        String key = sample.connection().asKafkaKey();
        long startMillis = System.currentTimeMillis();
        if (!env.sandbox().revokeToken(sample.token().accessToken())) {
            throw new IllegalStateException("the sandbox did not revoke the token of " + sample.connection());
        }
        CheckRequest request = CheckRequest.newBuilder().setConnection(sample.ref()).setRequestedAt(workerClock.instant())
                .setReason(CheckReason.TOKEN_REFUSED).setReportedStatus(401).build();
        requests.send(Topics.CHECK_REQUESTS, key, requestSerde.serialize(Topics.CHECK_REQUESTS, request));
        requests.flush();
        return Duration.ofMillis(revokedAt(key, startMillis + TIMEOUT.toMillis()) - startMillis);
    }

    /** The record timestamp of the next {@code REVOKED} result for {@code key}. */
    private long revokedAt(String key, long deadlineMillis) {
        while (System.currentTimeMillis() < deadlineMillis) {
            for (ConsumerRecord<String, byte[]> record : events.poll(POLL)) {
                if (key.equals(record.key()) && isRevoked(record.value())) {
                    return record.timestamp();
                }
            }
        }
        throw new IllegalStateException("no REVOKED result for " + key + " within " + TIMEOUT);
    }

    private boolean isRevoked(byte[] value) {
        ConnectionEvent event = eventSerde.deserialize(Topics.CONNECTION_EVENTS, value);
        return event.getPayload() instanceof CredentialChecked checked && checked.getOutcome() == CheckOutcome.REVOKED;
    }

    @Override
    public void close() {
        requests.close();
        events.close();
    }
}
