package io.authpipe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.kafka.testing.KafkaBrokerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@ExtendWith(KafkaBrokerExtension.class)
class StreamsRunnerTest {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunnerTest.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    @Test
    void persistentExactlyOnceTopologyRunsAndRestartsWithItsState(EmbeddedKafka kafka) {
        // Given
        String bootstrap = kafka.bootstrapServers();
        TopicAdmin.ensureTopics(KafkaConnection.of(bootstrap).adminConfig(), List.of(
                TopicSpec.compacted("runner.in", 2), TopicSpec.compacted("runner.out", 2)), TestClients.TIMEOUT);
        Properties props = settings("runner-app").toProperties(KafkaConnection.of(bootstrap));
        try (KafkaStreams streams = timedStart("first start", props)) {
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            TestClients.produce(bootstrap, "runner.in", "a", "x");
            TestClients.produce(bootstrap, "runner.in", "a", "y");
            TestClients.awaitRecord(bootstrap, "runner.out", "a", "2");
        }

        // When the same instance restarts
        try (KafkaStreams streams = timedStart("restart, same instance id", props)) {

            // Then it runs again and still has its count
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            TestClients.produce(bootstrap, "runner.in", "a", "z");
            TestClients.awaitRecord(bootstrap, "runner.out", "a", "3");
        }
    }

    @Test
    void missingSourceTopicFailsInsteadOfHanging(EmbeddedKafka kafka) {
        Properties props = settings("runner-missing").toProperties(KafkaConnection.of(kafka.bootstrapServers()));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("runner.does-not-exist", Consumed.with(Serdes.String(), Serdes.String())).foreach((k, v) -> { });

        assertThatThrownBy(() -> StreamsRunner.startAndAwaitRunning(builder.build(), props, START_TIMEOUT))
                .isInstanceOf(KafkaRuntimeException.class)
                .hasMessageContaining("instead of RUNNING");
    }

    private StreamsSettings settings(String applicationId) {
        return new StreamsSettings(applicationId, "instance-1", stateDir, 1, Duration.ofMillis(100), Optional.empty(),
                "dead-letters");
    }

    private static KafkaStreams timedStart(String what, Properties props) {
        long begun = System.nanoTime();
        KafkaStreams streams = StreamsRunner.startAndAwaitRunning(countingTopology(), props, START_TIMEOUT);
        LOG.info("MEASURE streams {} RUNNING in {} ms", what, Duration.ofNanos(System.nanoTime() - begun).toMillis());
        return streams;
    }

    private static Topology countingTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("runner.in", Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
                .count(Materialized.<String, Long>as(Stores.persistentKeyValueStore("counts"))
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
                .toStream()
                .mapValues(String::valueOf)
                .to("runner.out", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }
}
