package io.authpipe.kafka.deadletter;

import java.util.Objects;

/**
 * A processor refuses a record that parsed but cannot be handled (a key that is not the connection its payload
 * names, an id that breaks a rule): the typed rejection a processor throws so that Kafka Streams hands the record to
 * {@link DeadLetterProcessingHandler}, which puts it on the dead-letter topic with {@link #reason()} and lets
 * processing continue. Throw it before changing any store or forwarding anything, so a rejected record has no
 * effect but its dead letter.
 *
 * <p>The reason becomes the {@value DeadLetterHeaders#REASON} header as it is: write it from the rule that was
 * broken, never from the record's content.
 */
public final class RecordRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param reason which rule the record breaks, free of record content
     */
    public RecordRejectedException(String reason) {
        super(Objects.requireNonNull(reason, "reason"), null, false, false);
    }

    /** Which rule the record breaks. */
    public String reason() {
        return getMessage();
    }
}
