package io.authpipe.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authpipe.core.config.EnvReader;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.ExpiryTimer;
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

/** The refresh-worker process joins a real Kafka pipeline and dispatches a due timer from the topic. */
@ExtendWith(KafkaBrokerExtension.class)
class RefreshWorkerTest {

    @Test
    void aDueTimerOnTheTopicIsDispatched(EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        KafkaConnection connection = KafkaConnection.of(kafka.bootstrapServers());
        TopicAdmin.ensureTopics(connection.adminConfig(), List.of(TopicSpec.compacted(Topics.EXPIRY_TIMERS, 3)),
                Duration.ofSeconds(30));
        List<String> dispatched = new CopyOnWriteArrayList<>();
        RefreshWorker.Config config = RefreshWorker.Config.fromEnv(kafka.bootstrapServers(), new EnvReader(Map.of(
                "AUTHPIPE_STATE_DIR", dir.toString(), "AUTHPIPE_REFRESH_SCAN_INTERVAL", "200ms")));

        try (RefreshWorker worker = RefreshWorker.start(config, (key, timer) -> dispatched.add(key))) {
            ExpiryTimer due = new ExpiryTimer(new ConnectionRef("acme", "mastodon", "u1"), 3L, Instant.now(),
                    Instant.now().plusSeconds(60));
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(connection.producerConfig("test"),
                    new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.EXPIRY_TIMERS, "acme:mastodon:u1",
                        AvroSerde.of(ExpiryTimer.class, SchemaRegistry.none()).serialize(Topics.EXPIRY_TIMERS, due)))
                        .get();
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> dispatched.contains("acme:mastodon:u1"));
            assertThat(worker.state().isRunningOrRebalancing()).isTrue();
        }
    }
}
