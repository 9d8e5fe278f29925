package io.authpipe.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authpipe.core.config.EnvReader;
import io.authpipe.events.AccountInfo;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.CredentialUpdated;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.KafkaConnection;
import io.authpipe.kafka.TopicAdmin;
import io.authpipe.kafka.TopicSpec;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The health-worker process joins a real Kafka pipeline and schedules an active connection for checks. */
@ExtendWith(KafkaBrokerExtension.class)
class HealthWorkerTest {

    @Test
    void anActiveConnectionFromTheTopicComesDueForACheck(EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        KafkaConnection connection = KafkaConnection.of(kafka.bootstrapServers());
        TopicAdmin.ensureTopics(connection.adminConfig(), List.of(TopicSpec.compacted(Topics.CREDENTIAL_UPDATED, 3)),
                Duration.ofSeconds(30));
        List<String> checked = new CopyOnWriteArrayList<>();
        HealthWorker.Config config = HealthWorker.Config.fromEnv(kafka.bootstrapServers(), new EnvReader(Map.of(
                "AUTHPIPE_STATE_DIR", dir.toString(), "AUTHPIPE_HEALTH_INTERVAL", "1s")));

        try (HealthWorker worker = HealthWorker.start(config, (key, update) -> checked.add(key))) {
            CredentialUpdated active = CredentialUpdated.newBuilder()
                    .setConnection(new ConnectionRef("acme", "mastodon", "u1")).setVersion(1)
                    .setStatus(ConnectionStatus.ACTIVE).setInstance("https://mastodon.example")
                    .setScopes(List.of("read")).setTokenType("Bearer")
                    .setAccount(new AccountInfo("1", "u1", "u1@example", null, null, null))
                    .setUpdatedAt(Instant.now()).build();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(connection.producerConfig("test"),
                    new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.CREDENTIAL_UPDATED, "acme:mastodon:u1",
                        AvroSerde.of(CredentialUpdated.class, SchemaRegistry.none())
                                .serialize(Topics.CREDENTIAL_UPDATED, active))).get();
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> checked.contains("acme:mastodon:u1"));
            assertThat(worker.state().isRunningOrRebalancing()).isTrue();
        }
    }
}
