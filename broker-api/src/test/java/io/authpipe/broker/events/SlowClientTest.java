package io.authpipe.broker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authpipe.broker.config.EventSettings;
import io.authpipe.broker.kafka.PipelineTopics;
import io.authpipe.broker.testing.TopicProbe;
import io.authpipe.events.AccountInfo;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.CredentialUpdated;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.KafkaConnection;
import io.authpipe.kafka.TopicAdmin;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that stops reading costs the server one bounded queue: once its queue is full it is cut off (to resume
 * from its last id), while a reading client of the same tenant receives every change.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SlowClientTest {
    static final AvroSerde<CredentialUpdated> SERDE = AvroSerde.of(CredentialUpdated.class, SchemaRegistry.none());
    static final int CHANGES = 20;

    @Test
    void aClientThatStopsReadingIsCutOffAndTheOthersGetEverything(EmbeddedKafka kafka) throws Exception {
        KafkaConnection connection = KafkaConnection.of(kafka.bootstrapServers());
        TopicAdmin.ensureTopics(connection.adminConfig(), PipelineTopics.specs(6, (short) 1), Duration.ofSeconds(30));
        String tenant = "slow-" + UUID.randomUUID().toString().substring(0, 8);
        EventSettings settings = new EventSettings(Duration.ofSeconds(30), 2, 8, Duration.ofSeconds(10));
        try (EventStreams streams = new EventStreams(EventFeed.start(connection.consumerConfig("events-test-"
                + tenant, "events-test"), SERDE), settings)) {
            RecordingSink stalled = new RecordingSink(new CountDownLatch(1));
            RecordingSink reading = new RecordingSink(new CountDownLatch(0));
            assertThat(streams.reserve(tenant) && streams.reserve(tenant)).isTrue();
            streams.open(tenant, Optional.empty(), stalled);
            streams.open(tenant, Optional.empty(), reading);
            await().atMost(Duration.ofSeconds(10)).until(() -> stalled.names.contains("ready")
                    && reading.names.contains("ready"));

            TopicProbe topics = new TopicProbe(kafka.bootstrapServers());
            for (int version = 1; version <= CHANGES; version++) {
                topics.send(Topics.CREDENTIAL_UPDATED, tenant + ":mastodon:user-" + (version % 3),
                        SERDE.serialize(Topics.CREDENTIAL_UPDATED, change(tenant, "user-" + (version % 3), version)));
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> reading.names.size() == 1 + CHANGES);
            stalled.release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> stalled.closed);
            assertThat(stalled.names).as("a stalled client got what fitted in its queue, then was cut off")
                    .hasSizeLessThan(1 + CHANGES);
            await().atMost(Duration.ofSeconds(10)).until(() -> streams.openStreams(tenant) == 1);
            assertThat(reading.closed).isFalse();
        }
    }

    private static CredentialUpdated change(String tenant, String user, long version) {
        return CredentialUpdated.newBuilder().setConnection(new ConnectionRef(tenant, "mastodon", user))
                .setVersion(version).setStatus(ConnectionStatus.ACTIVE).setInstance("https://mastodon.example")
                .setScopes(List.of("read")).setTokenType("Bearer")
                .setAccount(AccountInfo.newBuilder().setId("1").setUsername(user).setAcct(user)
                        .setUrl("https://mastodon.example/@" + user).setUri("https://mastodon.example/users/" + user)
                        .setDisplayName(user).build())
                .setUpdatedAt(Instant.now()).build();
    }

    /** Records event names; the first change blocks until {@code release}, like a client that stopped reading. */
    private static final class RecordingSink implements EventSink {
        final CountDownLatch release;
        final List<String> names = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        RecordingSink(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void event(String name, String id, String data) {
            names.add(name);
            if (!name.equals("ready")) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void comment(String text) {
        }

        @Override
        public boolean isOpen() {
            return !closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
