package io.authpipe.kafka.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Why and where one record could not be handled: what the {@link DeadLetterHeaders} of its dead letter say.
 *
 * @param application     the Streams {@code application.id}
 * @param stage           where it failed
 * @param sourceTopic     the topic it was read from
 * @param sourcePartition its partition
 * @param sourceOffset    its offset
 * @param processor       the processor node, or empty
 * @param exception       the exception's class name
 * @param reason          why, free of record content
 */
public record DeadLetter(String application, Stage stage, String sourceTopic, int sourcePartition, long sourceOffset,
                         Optional<String> processor, String exception, String reason) {

    /** Where in Kafka Streams a record failed. */
    public enum Stage {
        /** Its key or value could not be read. */
        DESERIALIZATION,
        /** A processor threw, or refused it ({@link RecordRejectedException}). */
        PROCESSING,
        /** A record it produced could not be serialised. */
        PRODUCTION;

        String headerValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DeadLetter {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(sourceTopic, "sourceTopic");
        Objects.requireNonNull(processor, "processor");
        Objects.requireNonNull(exception, "exception");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * The dead-letter record: the source record's key, value, timestamp and headers (less any
     * {@value DeadLetterHeaders#PREFIX}* ones it carried but {@value DeadLetterHeaders#REPLAYED_FROM}), then this
     * dead letter's headers. No partition is chosen:
     * the key decides, as for the source.
     */
    public ProducerRecord<byte[], byte[]> toRecord(String topic, byte[] key, byte[] value, Headers sourceHeaders,
                                                   long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        if (sourceHeaders != null) {
            for (Header header : sourceHeaders) {
                if (!header.key().startsWith(DeadLetterHeaders.PREFIX)
                        || header.key().equals(DeadLetterHeaders.REPLAYED_FROM)) {
                    headers.add(header);
                }
            }
        }
        add(headers, DeadLetterHeaders.REASON, reason);
        add(headers, DeadLetterHeaders.EXCEPTION, exception);
        add(headers, DeadLetterHeaders.STAGE, stage.headerValue());
        add(headers, DeadLetterHeaders.APPLICATION, application);
        processor.ifPresent(p -> add(headers, DeadLetterHeaders.PROCESSOR, p));
        add(headers, DeadLetterHeaders.SOURCE, sourceTopic);
        add(headers, DeadLetterHeaders.PARTITION, Integer.toString(sourcePartition));
        add(headers, DeadLetterHeaders.OFFSET, Long.toString(sourceOffset));
        return new ProducerRecord<>(topic, null, timestamp < 0 ? null : timestamp, key, value, headers);
    }

    /** The dead letter a record's headers describe; empty without (complete) Authpipe dead-letter headers. */
    public static Optional<DeadLetter> fromHeaders(Headers headers) {
        try {
            return Optional.of(new DeadLetter(text(headers, DeadLetterHeaders.APPLICATION),
                    Stage.valueOf(text(headers, DeadLetterHeaders.STAGE).toUpperCase(Locale.ROOT)),
                    text(headers, DeadLetterHeaders.SOURCE),
                    Integer.parseInt(text(headers, DeadLetterHeaders.PARTITION)),
                    Long.parseLong(text(headers, DeadLetterHeaders.OFFSET)),
                    Optional.ofNullable(headers.lastHeader(DeadLetterHeaders.PROCESSOR))
                            .map(h -> new String(h.value(), StandardCharsets.UTF_8)),
                    text(headers, DeadLetterHeaders.EXCEPTION), text(headers, DeadLetterHeaders.REASON)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            throw new IllegalArgumentException("no header " + name);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
