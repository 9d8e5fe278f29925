package io.authpipe.broker.flow;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.broker.kafka.Publisher;
import io.authpipe.mastodon.InstanceUnavailableException;
import io.authpipe.vault.KmsKeyUnusableException;
import io.authpipe.vault.KmsUnavailableException;
import io.authpipe.vault.VaultCryptoException;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The infrastructure failures a flow can meet on its way, as the problem its request is answered with, so none
 * escapes {@link ConnectService}: the HTTP route answers with the problem and the connect-requests topology replies
 * with it. The codes are the HTTP API's: {@code 502 instance_unreachable}, {@code 503 kms_unavailable} (retry in a
 * second), {@code 503 kms_key_unusable}, {@code 500 decryption_failed} (a stored app secret that does not open), and
 * {@code 503 kafka_unavailable} (retry in a second) when Kafka did not acknowledge a write or a store is not ready
 * (a rebalance). Messages are the exceptions' own, which carry no secret.
 */
final class FlowFailures {
    private static final long RETRY_SECONDS = 1;

    private FlowFailures() {
    }

    /** The problem {@code failure} stands for; empty for anything else (a bug), which the caller lets through. */
    static Optional<ApiProblem> problem(RuntimeException failure, Instant now) {
        if (failure instanceof InstanceUnavailableException) {
            return Optional.of(ApiProblem.of(502, "instance_unreachable", failure.getMessage()));
        }
        if (failure instanceof KmsUnavailableException) {
            return Optional.of(ApiProblem.unavailable("kms_unavailable", failure.getMessage(),
                    now.plusSeconds(RETRY_SECONDS)));
        }
        if (failure instanceof KmsKeyUnusableException) {
            return Optional.of(ApiProblem.of(503, "kms_key_unusable", failure.getMessage()));
        }
        if (failure instanceof VaultCryptoException) {
            return Optional.of(ApiProblem.of(500, "decryption_failed", "a stored secret could not be decrypted"));
        }
        if (failure instanceof Publisher.PublishException || failure instanceof InvalidStateStoreException) {
            return Optional.of(ApiProblem.unavailable("kafka_unavailable", failure.getMessage(),
                    now.plusSeconds(RETRY_SECONDS)));
        }
        return Optional.empty();
    }
}
