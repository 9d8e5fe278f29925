package io.authpipe.kafka.deadletter.tool;

import io.authpipe.kafka.deadletter.DeadLetter;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record of the dead-letter topic: where it sits there, when it was written, what its headers say, and the
 * source record's bytes (which {@link #toString()} and {@link #line()} never print).
 *
 * @param partition its partition on the dead-letter topic
 * @param offset    its offset there
 * @param time      its timestamp (the source record's)
 * @param letter    its {@code authpipe.dlq.*} headers
 * @param record    the record itself
 */
public record ShelvedDeadLetter(int partition, long offset, Instant time, DeadLetter letter,
                                ConsumerRecord<byte[], byte[]> record) {

    /** The dead letter a record of the dead-letter topic holds; empty without complete Authpipe headers. */
    static Optional<ShelvedDeadLetter> of(ConsumerRecord<byte[], byte[]> record) {
        return DeadLetter.fromHeaders(record.headers()).map(letter -> new ShelvedDeadLetter(record.partition(),
                record.offset(), Instant.ofEpochMilli(record.timestamp()), letter, record));
    }

    /** Where it sits on the dead-letter topic, {@code partition/offset}: the value of the replay marker. */
    public String position() {
        return partition + "/" + offset;
    }

    /** One line for people: time, application, stage, source, exception and reason; never the record's bytes. */
    public String line() {
        return String.join("  ", time.toString(), "dead-letters " + position(), letter.application(),
                letter.stage().name().toLowerCase(java.util.Locale.ROOT),
                letter.sourceTopic() + "/" + letter.sourcePartition() + "@" + letter.sourceOffset(),
                letter.exception(), letter.reason());
    }

    @Override
    public String toString() {
        return "ShelvedDeadLetter[" + position() + ", " + letter + "]";
    }
}
