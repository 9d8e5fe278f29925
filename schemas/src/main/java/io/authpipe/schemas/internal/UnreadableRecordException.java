package io.authpipe.schemas.internal;

/**
 * A record value could not be decoded; the message says why without quoting its bytes. Internal: the serde turns
 * it into a {@link org.apache.kafka.common.errors.SerializationException} naming the topic.
 */
public final class UnreadableRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param reason why, free of payload
     * @param cause the Avro or I/O failure, or {@code null}
     */
    public UnreadableRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
