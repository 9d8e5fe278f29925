package io.authpipe.kafka;

/**
 * An infrastructure failure of the Kafka runtime: the broker did not start or stop, a topic could not be created
 * or is incompatible, a Streams application did not reach {@code RUNNING}.
 *
 * <p>Retrying is only useful where the message says the deadline passed (the cluster may still be coming up);
 * an incompatible topic or a Streams application in {@code ERROR} needs an operator, not a retry.
 */
public class KafkaRuntimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KafkaRuntimeException(String message) {
        super(message);
    }

    public KafkaRuntimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
