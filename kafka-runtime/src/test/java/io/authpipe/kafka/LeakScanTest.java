package io.authpipe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authpipe.kafka.testing.Bytes;
import io.authpipe.kafka.testing.DirectoryScanner;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.kafka.testing.Needles;
import io.authpipe.kafka.testing.TopicScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class LeakScanTest {
    private static final String APP = "leak-app";
    private static final String CHANGELOG = APP + "-secrets-changelog";

    @Test
    void plantedBytesAreFoundInTheChangelogTopicAndTheBrokerFiles(EmbeddedKafka kafka, @TempDir Path stateDir) {
        // Given a topology whose store holds the reverse of its input, so the needle exists only in the changelog
        String bootstrap = kafka.bootstrapServers();
        String needle = "planted-" + UUID.randomUUID();
        byte[] needleBytes = needle.getBytes(StandardCharsets.UTF_8);
        TopicAdmin.ensureTopics(KafkaConnection.of(bootstrap).adminConfig(),
                List.of(TopicSpec.compacted("leak.in", 1)), TestClients.TIMEOUT);
        StreamsSettings settings = new StreamsSettings(APP, "i1", stateDir, 1, Duration.ofMillis(100), Optional.empty(),
                "dead-letters");
        try (KafkaStreams streams = StreamsRunner.startAndAwaitRunning(
                reversingStore(), settings.toProperties(KafkaConnection.of(bootstrap)), Duration.ofSeconds(60))) {

            // When
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            TestClients.produce(bootstrap, "leak.in", "conn-1", reverse(needle));

            // Then
            await().atMost(TestClients.TIMEOUT).untilAsserted(() ->
                    assertThat(TopicScanner.topicsContaining(bootstrap, needleBytes, TestClients.TIMEOUT))
                            .containsExactly(CHANGELOG));
            assertThat(TopicScanner.allRecordBytes(bootstrap, TestClients.TIMEOUT))
                    .anyMatch(bytes -> Bytes.contains(bytes, needleBytes));
            assertThat(DirectoryScanner.filesContaining(kafka.dataDir(), needleBytes))
                    .isNotEmpty()
                    .allMatch(file -> file.toString().contains(CHANGELOG + "-0"));
        }
    }

    @Test
    void directoryScannerFindsBytesAcrossItsReadChunks(@TempDir Path dir) throws IOException {
        // Given a needle straddling the 1 MiB chunk boundary, and a file without it
        byte[] content = new byte[(1 << 20) + 100];
        byte[] needle = "straddling-needle".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(needle, 0, content, (1 << 20) - 5, needle.length);
        Files.write(dir.resolve("hit.bin"), content);
        Files.write(dir.resolve("miss.bin"), new byte[4096]);

        // When / Then
        assertThat(DirectoryScanner.filesContaining(dir, needle)).containsExactly(dir.resolve("hit.bin"));
    }

    @Test
    void needlesOfDifferentLengthsAreFoundInOnePassAndOnlyThose() {
        // Given
        Needles needles = new Needles(List.of(utf8("token-abc"), utf8("abc"), utf8("refresh-token-xyz-long"),
                utf8("absent")));
        byte[] haystack = utf8("..token-abc..refresh-token-xyz-lon..refresh-token-xyz-long");
        Set<Integer> found = new HashSet<>();

        // When
        needles.findIn(haystack, haystack.length, found);

        // Then
        assertThat(found).containsExactlyInAnyOrder(0, 1, 2);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Topology reversingStore() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("leak.in", Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(LeakScanTest::reverse)
                .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
                .reduce((previous, latest) -> latest, Materialized.<String, String>as(Stores.persistentKeyValueStore("secrets"))
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
        return builder.build();
    }

    private static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }
}
