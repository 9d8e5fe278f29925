package io.authpipe.kafka.deadletter.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.KafkaConnection;
import io.authpipe.kafka.RunningStreams;
import io.authpipe.kafka.StreamsSettings;
import io.authpipe.kafka.TopicAdmin;
import io.authpipe.kafka.TopicSpec;
import io.authpipe.kafka.deadletter.DeadLetterHeaders;
import io.authpipe.kafka.deadletter.RecordRejectedException;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dead-letters list|replay} on a real broker: a record an application refuses (its tenant does not exist yet)
 * is listed without its content, and once the cause is fixed a replay puts it back on its source topic, with its
 * headers and the replay marker, where the application now processes it; a second replay is refused.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DeadLettersCommandTest {
    private static final String IN = "replay.in";
    private static final String OUT = "replay.out";
    private static final String DEAD_LETTERS = "replay.dead-letters";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> KNOWN_TENANTS = ConcurrentHashMap.newKeySet();

    @Test
    void aDeadLetterIsListedAndReplayedOnceItsCauseIsFixed(EmbeddedKafka kafka, @TempDir Path state) {
        // Given an application that refuses records of tenants it does not know
        KafkaConnection connection = KafkaConnection.of(kafka.bootstrapServers());
        TopicAdmin.ensureTopics(connection.adminConfig(), List.of(TopicSpec.deleted(IN, 2, Duration.ofDays(1)),
                TopicSpec.deleted(OUT, 2, Duration.ofDays(1)), TopicSpec.deleted(DEAD_LETTERS, 2, Duration.ofDays(1))),
                TIMEOUT);
        KNOWN_TENANTS.add("acme");
        StreamsSettings settings = new StreamsSettings("replay-app", "i1", state, 1, Duration.ofMillis(100),
                Optional.empty(), DEAD_LETTERS);
        DeadLettersCommand command = new DeadLettersCommand(connection, DEAD_LETTERS, Clock.systemUTC());
        try (RunningStreams streams = RunningStreams.start(topology(), settings, connection)) {

            // When a record of an unknown tenant arrives
            produce(connection, "globex", "globex-private-value");
            produce(connection, "acme", "acme-value");
            awaitOutput(connection, "acme", "ACME-VALUE");

            // Then it is listed: where from, why, never its content
            String listed = await().atMost(TIMEOUT).until(() -> run(command, "list", "--application", "replay-app"),
                    out -> !out.isBlank());
            assertThat(listed.lines()).singleElement().asString()
                    .contains("replay-app", "processing", IN + "/", RecordRejectedException.class.getName(),
                            "no tenant globex")
                    .doesNotContain("globex-private-value");
            assertThat(run(command, "replay", "--source-topic", IN, "--all", "--dry-run")).startsWith("would replay");

            // When the tenant exists and the dead letter is replayed
            KNOWN_TENANTS.add("globex");
            assertThat(run(command, "replay", "--source-topic", IN, "--all")).startsWith("replayed dead-letters ");

            // Then the application processes it, and the replayed record carries its headers and the marker
            ConsumerRecord<String, String> processed = awaitOutput(connection, "globex", "GLOBEX-PRIVATE-VALUE");
            assertThat(header(processed, "trace")).isEqualTo("t-1");
            assertThat(header(processed, DeadLetterHeaders.REPLAYED_FROM)).matches("\\d+/\\d+");
            assertThat(header(processed, DeadLetterHeaders.REASON)).isNull();

            // And it is not replayed twice
            assertThat(run(command, "replay", "--source-topic", IN, "--all")).startsWith("already replayed");
        }
        assertThat(run(command, "replay", "--all")).isEmpty();
    }

    private static String run(DeadLettersCommand command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isIn(0, 2);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void produce(KafkaConnection connection, String tenant, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(connection.producerConfig("replay-test"),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(IN, tenant, value);
            record.headers().add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
            producer.send(record);
        }
    }

    /** The output record (the processed record's headers travel with it) with {@code key} and {@code value}. */
    private static ConsumerRecord<String, String> awaitOutput(KafkaConnection connection, String key, String value) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(connection.consumerConfig(
                "replay-out-" + System.nanoTime(), "replay-test"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(OUT));
            await().atMost(TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (key.equals(r.key()) && value.equals(r.value())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
        }
        return found.get(0);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Topology topology() {
        return new Topology()
                .addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), IN)
                .addProcessor("tenant-check", TenantCheck::new, "in")
                .addSink("out", OUT, Serdes.String().serializer(), Serdes.String().serializer(), "tenant-check");
    }

    /** Refuses a record whose tenant (its key) is not known yet; upper-cases the others. */
    private static final class TenantCheck implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, String> record) {
            if (!KNOWN_TENANTS.contains(record.key())) {
                throw new RecordRejectedException("no tenant " + record.key());
            }
            context.forward(record.withValue(record.value().toUpperCase(java.util.Locale.ROOT)));
        }
    }
}
