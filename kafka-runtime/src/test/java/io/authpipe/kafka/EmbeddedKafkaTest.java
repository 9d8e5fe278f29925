package io.authpipe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.kafka.testing.KafkaBrokerExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class EmbeddedKafkaTest {

    @Test
    void producedRecordIsConsumed(EmbeddedKafka kafka) {
        // Given
        TopicAdmin.ensureTopics(KafkaConnection.of(kafka.bootstrapServers()).adminConfig(),
                List.of(TopicSpec.compacted("plain-roundtrip", 1)), TestClients.TIMEOUT);

        // When
        TestClients.produce(kafka.bootstrapServers(), "plain-roundtrip", "k", "hello");

        // Then
        List<ConsumerRecord<String, String>> records = TestClients.consume(kafka.bootstrapServers(), "plain-roundtrip", 1);
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("hello");
    }

    @Test
    void transactionalProducerCommits(EmbeddedKafka kafka) {
        // Given
        TopicAdmin.ensureTopics(KafkaConnection.of(kafka.bootstrapServers()).adminConfig(),
                List.of(TopicSpec.compacted("tx-roundtrip", 1)), TestClients.TIMEOUT);

        // When
        try (KafkaProducer<String, String> producer = TestClients.producer(kafka.bootstrapServers(),
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-test"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx-roundtrip", "k", "committed"));
            producer.commitTransaction();
        }

        // Then
        List<ConsumerRecord<String, String>> records = TestClients.consume(kafka.bootstrapServers(), "tx-roundtrip", 1);
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("committed");
    }

    @Test
    void aPortInUseFailsFast(EmbeddedKafka kafka, @TempDir Path otherDir) {
        int port = Integer.parseInt(kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':') + 1));

        assertThatThrownBy(() -> EmbeddedKafka.start(otherDir, port))
                .isInstanceOf(KafkaRuntimeException.class)
                .hasMessageContaining("port " + port + " on 127.0.0.1 is in use");
    }

    @Test
    void dataDirIsTheAbsoluteLogDir(EmbeddedKafka kafka) {
        assertThat(kafka.dataDir()).isAbsolute().isDirectoryContaining("glob:**/meta.properties");
        assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
    }
}
