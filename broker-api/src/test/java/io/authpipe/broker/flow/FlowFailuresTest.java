package io.authpipe.broker.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.mastodon.InstanceUnavailableException;
import io.authpipe.vault.KmsKeyUnusableException;
import io.authpipe.vault.KmsUnavailableException;
import io.authpipe.vault.VaultCryptoException;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;

/** What a connect request is answered with when the instance, the KMS or Kafka fails on the way. */
class FlowFailuresTest {
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void eachInfrastructureFailureIsAProblemWithItsStatusAndCode() {
        assertThat(problem(new InstanceUnavailableException("https://m.example answered HTTP 503")))
                .hasValueSatisfying(p -> assertProblem(p, 502, "instance_unreachable"));
        assertThat(problem(KmsUnavailableException.of("Decrypt", "HTTP 500", null)))
                .hasValueSatisfying(p -> {
                    assertProblem(p, 503, "kms_unavailable");
                    assertThat(p.retryAt()).contains(NOW.plusSeconds(1));
                });
        assertThat(problem(new KmsKeyUnusableException("KMS key unusable (Decrypt, k): disabled", null)))
                .hasValueSatisfying(p -> assertProblem(p, 503, "kms_key_unusable"));
        assertThat(problem(VaultCryptoException.decryptionFailed()))
                .hasValueSatisfying(p -> assertProblem(p, 500, "decryption_failed"));
        assertThat(problem(new InvalidStateStoreException("the store is migrating")))
                .hasValueSatisfying(p -> assertProblem(p, 503, "kafka_unavailable"));
    }

    @Test
    void anythingElseIsABugThatIsNotDressedUpAsAnAnswer() {
        assertThat(problem(new NullPointerException())).isEmpty();
    }

    private static Optional<ApiProblem> problem(RuntimeException failure) {
        return FlowFailures.problem(failure, NOW);
    }

    private static void assertProblem(ApiProblem problem, int status, String error) {
        assertThat(problem.status()).isEqualTo(status);
        assertThat(problem.error()).isEqualTo(error);
    }
}
