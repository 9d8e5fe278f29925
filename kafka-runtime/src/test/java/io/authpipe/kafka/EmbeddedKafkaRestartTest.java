package io.authpipe.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class EmbeddedKafkaRestartTest {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaRestartTest.class);

    @Test
    void restartOnTheSameDataDirKeepsRecordsClusterIdAndPort(@TempDir Path dir) {
        // Given a broker that stored a record
        String bootstrap;
        String clusterId;
        try (EmbeddedKafka first = timedStart("first start", () -> EmbeddedKafka.start(dir))) {
            bootstrap = first.bootstrapServers();
            clusterId = first.clusterId();
            TopicAdmin.ensureTopics(KafkaConnection.of(bootstrap).adminConfig(),
                    List.of(TopicSpec.compacted("survivors", 1)), TestClients.TIMEOUT);
            TestClients.produce(bootstrap, "survivors", "k", "still here");
        }
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));

        // When it restarts on the same directory and port
        try (EmbeddedKafka second = timedStart("restart", () -> EmbeddedKafka.start(dir, port))) {

            // Then
            assertThat(second.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(second.clusterId()).isEqualTo(clusterId);
            List<ConsumerRecord<String, String>> records = TestClients.consume(bootstrap, "survivors", 1);
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("still here");
        }
    }

    private static EmbeddedKafka timedStart(String what, Supplier<EmbeddedKafka> start) {
        long begun = System.nanoTime();
        EmbeddedKafka kafka = start.get();
        LOG.info("MEASURE broker {} took {} ms", what, Duration.ofNanos(System.nanoTime() - begun).toMillis());
        return kafka;
    }
}
