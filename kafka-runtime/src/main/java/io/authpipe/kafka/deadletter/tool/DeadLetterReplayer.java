package io.authpipe.kafka.deadletter.tool;

import io.authpipe.kafka.KafkaConnection;
import io.authpipe.kafka.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Puts dead letters back on their source topics once the cause is fixed: the source record's key, value and headers
 * (less the {@code authpipe.dlq.*} ones) plus {@value DeadLetterHeaders#REPLAYED_FROM}, the dead letter's
 * {@code partition/offset}. A new timestamp; the key picks the partition, as it did for the source. A dead letter
 * whose source topic already holds a record with its marker is not replayed again.
 */
public final class DeadLetterReplayer {
    private final KafkaConnection connection;
    private final DeadLetterShelf shelf;

    public DeadLetterReplayer(KafkaConnection connection, DeadLetterShelf shelf) {
        this.connection = connection;
        this.shelf = shelf;
    }

    /** Replays {@code letters} in order (or only says what it would do); each is replayed at most once. */
    public List<ReplayOutcome> replay(List<ShelvedDeadLetter> letters, boolean dryRun) {
        Map<String, Set<String>> replayed = replayedBySource(letters);
        List<ReplayOutcome> outcomes = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                connection.producerConfig("authpipe-dead-letters-replay"), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (ShelvedDeadLetter letter : letters) {
                if (replayed.get(letter.letter().sourceTopic()).contains(letter.position())) {
                    outcomes.add(new ReplayOutcome.AlreadyReplayed(letter));
                } else if (dryRun) {
                    outcomes.add(new ReplayOutcome.WouldReplay(letter));
                } else {
                    outcomes.add(send(producer, letter));
                }
            }
        }
        return outcomes;
    }

    /** The replay markers each source topic holds, read from the oldest dead letter's time on. */
    private Map<String, Set<String>> replayedBySource(List<ShelvedDeadLetter> letters) {
        Map<String, Instant> oldest = new HashMap<>();
        letters.forEach(l -> oldest.merge(l.letter().sourceTopic(), l.time(),
                (a, b) -> a.isBefore(b) ? a : b));
        Map<String, Set<String>> replayed = new HashMap<>();
        oldest.forEach((topic, since) -> replayed.put(topic, shelf.replayedTo(topic, since)));
        return replayed;
    }

    private static ReplayOutcome send(KafkaProducer<byte[], byte[]> producer, ShelvedDeadLetter letter) {
        try {
            RecordMetadata at = producer.send(record(letter)).get();
            return new ReplayOutcome.Replayed(letter, at.partition(), at.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while replaying dead letter " + letter.position(), e);
        } catch (ExecutionException e) {
            throw new KafkaException("could not replay dead letter " + letter.position() + " to "
                    + letter.letter().sourceTopic(), e.getCause());
        }
    }

    /** The source record as it came, less the dead-letter headers, plus the replay marker. */
    static ProducerRecord<byte[], byte[]> record(ShelvedDeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : letter.record().headers()) {
            if (!header.key().startsWith(DeadLetterHeaders.PREFIX)) {
                headers.add(header);
            }
        }
        headers.add(DeadLetterHeaders.REPLAYED_FROM, letter.position().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(letter.letter().sourceTopic(), null, null, letter.record().key(),
                letter.record().value(), headers);
    }
}
