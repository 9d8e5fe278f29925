package io.authpipe.schemas;

import org.apache.kafka.common.KafkaException;

/**
 * The schema registry could not register or return a schema.
 *
 * <p>The one infrastructure failure of this module. Whether to retry is stated by {@link #isRetryable()}:
 * <ul>
 *   <li><b>retryable</b>: the registry was unreachable, timed out, answered 5xx, 408 or 429. The same call may
 *       succeed later; back off and retry (a Kafka Streams application can let the thread fail and be replaced).
 *   <li><b>not retryable</b>: the registry refused the request (4xx, e.g. 409 incompatible schema, 401/403 bad
 *       credentials, 404 unknown schema id) or answered something that is not the Confluent REST API. Retrying
 *       the same call gives the same answer; fix the schema, the credentials or the URL.
 * </ul>
 *
 * <p>Messages name the registry URL without its user-info and never contain record bytes or credentials.
 * Not a {@link org.apache.kafka.common.errors.SerializationException}: the record is not at fault.
 */
public final class SchemaRegistryException extends KafkaException {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    /**
     * Creates an exception.
     *
     * @param message what failed, free of secrets and payload
     * @param retryable whether the same call may succeed later
     * @param cause the underlying transport or parse failure, or {@code null}
     */
    public SchemaRegistryException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /**
     * Whether retrying the same call may succeed (transport failure, timeout, 5xx, 408, 429).
     *
     * @return {@code true} for transient failures, {@code false} for refusals that will repeat
     */
    public boolean isRetryable() {
        return retryable;
    }
}
