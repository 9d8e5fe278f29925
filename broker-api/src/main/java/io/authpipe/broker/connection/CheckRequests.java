package io.authpipe.broker.connection;

import io.authpipe.broker.kafka.Publisher;
import io.authpipe.broker.producers.ProducerKeys;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.CheckReason;
import io.authpipe.events.CheckRequest;
import io.authpipe.records.SignedRecords;
import io.authpipe.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Asks the health-worker to check a connection now, typically because a consuming service had the token refused
 * by the provider. Publishes one {@code CheckRequest} on {@code authpipe.check-requests}, keyed by the connection's
 * Kafka key, and returns once Kafka acknowledged it. The provider is not called here: the health-worker checks as
 * soon as its per-connection gap and budget allow (collapsing repeated requests), and the result reaches the
 * connection's health state through the vault. broker-api is a producer like any other: it signs the request with
 * its own key of the tenant ({@link ProducerKeys#internal}); the health-worker answers on
 * {@code authpipe.check-replies}, which nobody here waits for.
 */
public final class CheckRequests {
    private final Publisher publisher;
    private final ProducerKeys keys;
    private final Clock clock;

    public CheckRequests(Publisher publisher, ProducerKeys keys, Clock clock) {
        this.publisher = publisher;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Publishes the request and waits for Kafka's acknowledgement.
     *
     * @return when the request was made, as written in the record (millisecond precision)
     * @throws Publisher.PublishException if Kafka did not acknowledge in time (retryable)
     */
    public Instant request(Tenant tenant, ConnectionKey key, CheckReason reason, OptionalInt reportedStatus) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // Avro timestamp-millis precision
        CheckRequest request = CheckRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setConnection(ConnectionWriter.ref(key))
                .setRequestedAt(now)
                .setReason(reason)
                .setReportedStatus(reportedStatus.isPresent() ? reportedStatus.getAsInt() : null)
                .build();
        publisher.publish(Topics.CHECK_REQUESTS, key.asKafkaKey(),
                SignedRecords.sign(request, ProducerKeys.INTERNAL, keys.internal(tenant), now));
        return now;
    }
}
