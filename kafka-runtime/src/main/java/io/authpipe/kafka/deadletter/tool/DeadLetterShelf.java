package io.authpipe.kafka.deadletter.tool;

import io.authpipe.kafka.KafkaConnection;
import io.authpipe.kafka.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;

/**
 * The dead-letter topic as a shelf to look at: the dead letters a {@link DeadLetterFilter} picks, oldest first, and
 * which of them a source topic already holds a replay of. Reads committed records only and commits nothing.
 */
public final class DeadLetterShelf {
    private final TopicSnapshot snapshot;
    private final String topic;

    /** @param topic the dead-letter topic, {@code authpipe.dead-letters} */
    public DeadLetterShelf(KafkaConnection connection, String topic) {
        this.snapshot = new TopicSnapshot(connection);
        this.topic = topic;
    }

    /** The dead letters {@code filter} picks; records without complete Authpipe headers are skipped. */
    public List<ShelvedDeadLetter> list(DeadLetterFilter filter) {
        return snapshot.read(topic, filter.since()).stream()
                .map(ShelvedDeadLetter::of)
                .flatMap(Optional::stream)
                .filter(filter::matches)
                .sorted(Comparator.comparing(ShelvedDeadLetter::time).thenComparing(ShelvedDeadLetter::partition)
                        .thenComparingLong(ShelvedDeadLetter::offset))
                .toList();
    }

    /**
     * The positions ({@code partition/offset} on the dead-letter topic) of the dead letters that {@code sourceTopic}
     * holds a replay of, among records written at or after {@code since}.
     */
    Set<String> replayedTo(String sourceTopic, Instant since) {
        return snapshot.read(sourceTopic, since).stream()
                .flatMap(r -> StreamSupport.stream(r.headers().headers(DeadLetterHeaders.REPLAYED_FROM)
                        .spliterator(), false))
                .map(Header::value)
                .map(v -> new String(v, StandardCharsets.UTF_8))
                .collect(Collectors.toSet());
    }
}
