package io.authpipe.kafka.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.kafka.KafkaConnection;
import io.authpipe.kafka.StreamsSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead-letter handlers that {@link StreamsSettings} installs, in a real Streams task ({@link TopologyTestDriver}):
 * a record that a processor refuses or fails on, or whose output cannot be serialised, lands on the dead-letter
 * topic as it came, with its reason and source in headers, and the next record is processed. (Records that cannot
 * be read: {@code DeadLetterBrokerTest}, on a real broker; the test driver does not capture those dead letters.)
 */
class DeadLetterHandlersTest {
    private static final String DEAD_LETTERS = "test.dead-letters";

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> input;
    private TestOutputTopic<String, String> output;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void start() {
        Properties props = new StreamsSettings("dlq-test-app", "i1", stateDir, 1, Duration.ofMillis(100),
                Optional.empty(), DEAD_LETTERS).toProperties(KafkaConnection.of("127.0.0.1:9"));
        driver = new TopologyTestDriver(topology(), props);
        input = driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
        output = driver.createOutputTopic("out", Serdes.String().deserializer(), Serdes.String().deserializer());
        deadLetters = driver.createOutputTopic(DEAD_LETTERS, Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aRejectedRecordIsDeadLetteredWithTheRejectionAsItsReasonAndHasNoOtherEffect() {
        // When
        input.pipeInput("k1", "fine");
        input.pipeInput("k2", "reject");
        input.pipeInput("k3", "also fine");

        // Then
        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        DeadLetter letter = DeadLetter.fromHeaders(dead.headers()).orElseThrow();
        assertThat(letter.stage()).isEqualTo(DeadLetter.Stage.PROCESSING);
        assertThat(letter.reason()).isEqualTo("the value breaks a rule");
        assertThat(letter.processor()).contains("upper");
        assertThat(letter.sourceOffset()).isEqualTo(1);
        assertThat(letter.exception()).isEqualTo(RecordRejectedException.class.getName());
        assertThat(text(dead.value())).isEqualTo("reject");
        assertThat(output.readKeyValuesToList()).extracting(kv -> kv.value).containsExactly("FINE", "ALSO FINE");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aProcessorFailureIsDeadLetteredWithTheFirstLineOfItsMessageAndNoStackTrace() {
        // When
        input.pipeInput("k1", "bug");
        input.pipeInput("k2", "fine");

        // Then
        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        DeadLetter letter = DeadLetter.fromHeaders(dead.headers()).orElseThrow();
        assertThat(letter.reason()).isEqualTo("IllegalStateException: a bug in the processor");
        assertThat(headerNames(dead)).noneMatch(h -> h.contains("stacktrace"));
        assertThat(output.readKeyValuesToList()).extracting(kv -> kv.value).containsExactly("FINE");
    }

    @Test
    void theSourceRecordsHeadersAreKeptButEarlierDeadLetterHeadersAreNot() {
        // Given a record that was dead-lettered once and sent back by an operator
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.REASON, "an old reason".getBytes(StandardCharsets.UTF_8));

        // When
        input.pipeInput(new TestRecord<>("k1", "reject", headers, 5L));

        // Then
        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(text(dead.headers().lastHeader("trace-id").value())).isEqualTo("abc");
        assertThat(dead.headers().headers(DeadLetterHeaders.REASON)).hasSize(1);
        assertThat(DeadLetter.fromHeaders(dead.headers()).orElseThrow().reason()).isEqualTo("the value breaks a rule");
        assertThat(dead.timestamp()).isEqualTo(5L);
    }

    @Test
    void anOutputThatCannotBeSerialisedDeadLettersItsSourceRecordNamingTheOutputTopic() {
        // When
        input.pipeInput("k1", "unserialisable");
        input.pipeInput("k2", "fine");

        // Then
        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        DeadLetter letter = DeadLetter.fromHeaders(dead.headers()).orElseThrow();
        assertThat(letter.stage()).isEqualTo(DeadLetter.Stage.PRODUCTION);
        assertThat(letter.reason()).startsWith("a record for out could not be serialised (value): ");
        assertThat(text(dead.value())).isEqualTo("unserialisable");
        assertThat(output.readKeyValuesToList()).extracting(kv -> kv.value).containsExactly("FINE");
    }

    @Test
    void aFailingPunctuationIsLoggedAndTheNextOneRunsAsScheduled() {
        // When the punctuator fails twice
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        input.pipeInput("k1", "fine");

        // Then nothing is dead-lettered (there is no source record) and processing goes on
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(output.readKeyValuesToList()).extracting(kv -> kv.value).containsExactly("FINE");
    }

    @Test
    void aFailingStateStoreStopsTheThreadInsteadOfDeadLetteringEveryRecord() {
        assertThatThrownBy(() -> input.pipeInput("k1", "store"))
                .isInstanceOf(StreamsException.class)
                .hasRootCauseInstanceOf(ProcessorStateException.class);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aReasonIsOneLineWithoutControlCharactersAndBounded() {
        String reason = FailureReasons.of(new IllegalArgumentException("first\tline\u0007" + "x".repeat(1000)
                + "\nsecond line"));

        assertThat(reason).startsWith("IllegalArgumentException: first line ").hasSize(FailureReasons.MAX_LENGTH)
                .doesNotContain("second").matches("\\P{Cntrl}*");
    }

    private static Topology topology() {
        return new Topology()
                .addSource("in-source", Serdes.String().deserializer(), Serdes.String().deserializer(), "in")
                .addProcessor("upper", Upper::new, "in-source")
                .addSink("out-sink", "out", Serdes.String().serializer(), new PickySerializer(), "upper");
    }

    /** Uppercases values; refuses, fails or breaks its store on cue; its punctuator always fails. */
    private static final class Upper implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> {
                throw new IllegalStateException("the punctuator fails");
            });
        }

        @Override
        public void process(Record<String, String> record) {
            switch (record.value()) {
                case "reject" -> throw new RecordRejectedException("the value breaks a rule");
                case "bug" -> throw new IllegalStateException("a bug in the processor\n\tat Upper.process(...)");
                case "store" -> throw new ProcessorStateException("disk full");
                case "unserialisable" -> context.forward(record);
                default -> context.forward(record.withValue(record.value().toUpperCase(java.util.Locale.ROOT)));
            }
        }
    }

    /** Refuses to write a lowercase value. */
    private static final class PickySerializer implements Serializer<String> {
        @Override
        public byte[] serialize(String topic, String data) {
            if (!data.equals(data.toUpperCase(java.util.Locale.ROOT))) {
                throw new SerializationException("lowercase values are not written");
            }
            return data.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<String> headerNames(TestRecord<?, ?> record) {
        return java.util.Arrays.stream(record.headers().toArray()).map(h -> h.key()).toList();
    }
}
