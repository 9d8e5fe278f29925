package io.authpipe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authpipe.kafka.deadletter.DeadLetter;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead-letter handlers on a real broker under exactly-once: unreadable records of a stream task and of a global
 * table land on the dead-letter topic (the global thread's through {@code GlobalDeadLetters}), the application stays
 * RUNNING, the next record is processed, and a restart does not read the bad records again.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DeadLetterBrokerTest {
    private static final String IN = "dlq.in";
    private static final String TABLE = "dlq.table";
    private static final String OUT = "dlq.out";
    private static final String DEAD_LETTERS = "dlq.dead-letters";

    @Test
    void unreadableRecordsOfTasksAndGlobalTablesAreDeadLetteredAndTheApplicationRuns(EmbeddedKafka kafka,
                                                                                     @TempDir Path state) {
        // Given
        String bootstrap = kafka.bootstrapServers();
        KafkaConnection connection = KafkaConnection.of(bootstrap);
        TopicAdmin.ensureTopics(connection.adminConfig(), List.of(TopicSpec.deleted(IN, 2, Duration.ofDays(1)),
                TopicSpec.compacted(TABLE, 1), TopicSpec.deleted(OUT, 2, Duration.ofDays(1)),
                TopicSpec.deleted(DEAD_LETTERS, 2, Duration.ofDays(1))), TestClients.TIMEOUT);
        StreamsSettings settings = new StreamsSettings("dlq-broker-app", "i1", state, 1, Duration.ofMillis(100),
                Optional.empty(), DEAD_LETTERS);
        try (RunningStreams streams = RunningStreams.start(topology(), settings, connection)) {

            // When
            TestClients.produce(bootstrap, IN, "k1", "garbage-in");
            TestClients.produce(bootstrap, TABLE, "t1", "garbage-table");
            TestClients.produce(bootstrap, IN, "k2", "fine");

            // Then
            TestClients.awaitRecord(bootstrap, OUT, "k2", "FINE");
            List<ConsumerRecord<String, String>> dead = awaitDeadLetters(bootstrap, 2);
            assertThat(dead).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("garbage-in", "garbage-table");
            assertThat(dead).map(r -> DeadLetter.fromHeaders(r.headers()).orElseThrow())
                    .allSatisfy(letter -> {
                        assertThat(letter.stage()).isEqualTo(DeadLetter.Stage.DESERIALIZATION);
                        assertThat(letter.application()).isEqualTo("dlq-broker-app");
                        assertThat(letter.reason()).startsWith("SerializationException: not a test value");
                    })
                    .extracting(DeadLetter::sourceTopic).containsExactlyInAnyOrder(IN, TABLE);
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }

        // When the application restarts on the same data
        try (RunningStreams streams = RunningStreams.start(topology(), settings, connection)) {
            TestClients.produce(bootstrap, IN, "k3", "again");

            // Then it runs, and the record it had given up on is not read again
            TestClients.awaitRecord(bootstrap, OUT, "k3", "AGAIN");
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(awaitDeadLetters(bootstrap, 2)).extracting(ConsumerRecord::value)
                    .filteredOn("garbage-in"::equals).hasSize(1);
        }
    }

    private static Topology topology() {
        Serde<String> picky = Serdes.serdeFrom(Serdes.String().serializer(), new PickyDeserializer());
        Topology topology = new Topology()
                .addSource("in-source", Serdes.String().deserializer(), picky.deserializer(), IN)
                .addProcessor("upper", Upper::new, "in-source")
                .addSink("out-sink", OUT, Serdes.String().serializer(), Serdes.String().serializer(), "upper");
        return GlobalTables.add(topology, TABLE, "dlq-table-store", picky);
    }

    private static List<ConsumerRecord<String, String>> awaitDeadLetters(String bootstrap, int count) {
        Map<String, Object> config = KafkaConnection.of(bootstrap).consumerConfig(
                "dlq-probe-" + System.nanoTime(), "dlq-probe");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(DEAD_LETTERS));
            await().atMost(TestClients.TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private static final class Upper implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, String> record) {
            context.forward(record.withValue(record.value().toUpperCase(java.util.Locale.ROOT)));
        }
    }

    private static final class PickyDeserializer implements Deserializer<String> {
        @Override
        public String deserialize(String topic, byte[] data) {
            String value = new String(data, StandardCharsets.UTF_8);
            if (value.startsWith("garbage")) {
                throw new SerializationException("not a test value (" + data.length + " bytes)");
            }
            return value;
        }
    }
}
