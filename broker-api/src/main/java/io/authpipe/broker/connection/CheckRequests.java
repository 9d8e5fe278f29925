package io.authpipe.broker.connection;

import io.authpipe.broker.kafka.Publisher;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.CheckReason;
import io.authpipe.events.CheckRequest;
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
 * connection's health state through the vault.
 */
public final class CheckRequests {
    private final Publisher publisher;
    private final Clock clock;

    public CheckRequests(Publisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Publishes the request and waits for Kafka's acknowledgement.
     *
     * @return when the request was made, as written in the record (millisecond precision)
     * @throws Publisher.PublishException if Kafka did not acknowledge in time (retryable)
     */
    public Instant request(ConnectionKey key, CheckReason reason, OptionalInt reportedStatus) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // Avro timestamp-millis precision
        publisher.publish(Topics.CHECK_REQUESTS, key.asKafkaKey(), CheckRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setConnection(ConnectionWriter.ref(key))
                .setRequestedAt(now)
                .setReason(reason)
                .setReportedStatus(reportedStatus.isPresent() ? reportedStatus.getAsInt() : null)
                .build());
        return now;
    }
}
