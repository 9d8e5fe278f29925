package io.authpipe.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.kafka.deadletter.DeadLetterDeserializationHandler;
import io.authpipe.kafka.deadletter.DeadLetterProcessingHandler;
import io.authpipe.kafka.deadletter.DeadLetterProductionHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private final KafkaConnection connection = new KafkaConnection("127.0.0.1:9092",
            Map.of("replication.factor", "3", "client.id", "not-mine", "sasl.jaas.config", "hunter2"));

    @Test
    void streamsPropertiesUseExactlyOnceAndStaticMembership() {
        // When
        Properties props = new StreamsSettings("authpipe-vault", "node-a", Path.of("/var/lib/authpipe"), 2,
                Duration.ofMillis(200), Optional.of("10.0.0.1:7070"), "authpipe.dead-letters").toProperties(connection);

        // Then
        assertThat(props)
                .containsEntry("application.id", "authpipe-vault")
                .containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("consumer.group.instance.id", "authpipe-vault-node-a")
                .containsEntry("consumer.session.timeout.ms", 15_000)
                .containsEntry("num.stream.threads", 2)
                .containsEntry("commit.interval.ms", 200L)
                .containsEntry("application.server", "10.0.0.1:7070")
                .containsEntry("topology.optimization", "all")
                .containsEntry("replication.factor", "3")
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .doesNotContainKeys("default.key.serde", "default.value.serde");
    }

    @Test
    void everyApplicationSendsWhatItCannotHandleToTheDeadLetterTopicAndContinues() {
        // When
        Properties props = new StreamsSettings("authpipe-vault", "node-a", Path.of("/var/lib/authpipe"), 1,
                Duration.ofMillis(100), Optional.empty(), "authpipe.dead-letters").toProperties(connection);

        // Then
        assertThat(props)
                .containsEntry("deserialization.exception.handler", DeadLetterDeserializationHandler.class.getName())
                .containsEntry("processing.exception.handler", DeadLetterProcessingHandler.class.getName())
                .containsEntry("production.exception.handler", DeadLetterProductionHandler.class.getName())
                .containsEntry("errors.dead.letter.queue.topic.name", "authpipe.dead-letters");
    }

    @Test
    void extraPropertiesOverrideDefaultsButNotIdentity() {
        // When
        Map<String, Object> consumer = connection.consumerConfig("group-1", "client-1");

        // Then
        assertThat(consumer)
                .containsEntry("client.id", "client-1")
                .containsEntry("group.id", "group-1")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("sasl.jaas.config", "hunter2");
    }

    @Test
    void connectionToStringHidesValues() {
        assertThat(connection.toString()).contains("sasl.jaas.config").doesNotContain("hunter2");
    }
}
