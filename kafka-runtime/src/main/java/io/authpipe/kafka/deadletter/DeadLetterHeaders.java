package io.authpipe.kafka.deadletter;

/**
 * The headers Authpipe puts on every record of the dead-letter topic ({@code authpipe.dead-letters}), whichever
 * application wrote it. Values are UTF-8 strings. The record's key, value and timestamp are those of the source
 * record, byte for byte, and its other headers are the source record's own.
 *
 * <pre>
 *  authpipe.dlq.reason      why, in words written by Authpipe (never a stack trace, never record content)
 *  authpipe.dlq.exception   the class of the exception, e.g. org.apache.kafka.common.errors.SerializationException
 *  authpipe.dlq.stage       deserialization | processing | production
 *  authpipe.dlq.application the Kafka Streams application.id that gave up on the record
 *  authpipe.dlq.processor   the processor node, when known
 *  authpipe.dlq.source      the topic the record was read from
 *  authpipe.dlq.partition   its partition
 *  authpipe.dlq.offset      its offset
 * </pre>
 *
 * <p>A record replayed from the dead-letter topic to its source topic (the launcher's {@code dead-letters replay})
 * carries the source record's headers without these, plus {@value #REPLAYED_FROM}: {@code partition/offset} of the
 * dead letter it came from. That one header survives if the replay is dead-lettered again.
 */
public final class DeadLetterHeaders {
    /** Every Authpipe dead-letter header starts with this; a source record's own such headers are dropped. */
    public static final String PREFIX = "authpipe.dlq.";
    public static final String REASON = PREFIX + "reason";
    public static final String EXCEPTION = PREFIX + "exception";
    public static final String STAGE = PREFIX + "stage";
    public static final String APPLICATION = PREFIX + "application";
    public static final String PROCESSOR = PREFIX + "processor";
    public static final String SOURCE = PREFIX + "source";
    public static final String PARTITION = PREFIX + "partition";
    public static final String OFFSET = PREFIX + "offset";
    /** On a replayed record: the dead letter it came from, {@code partition/offset} on the dead-letter topic. */
    public static final String REPLAYED_FROM = PREFIX + "replayed-from";

    private DeadLetterHeaders() {
    }
}
