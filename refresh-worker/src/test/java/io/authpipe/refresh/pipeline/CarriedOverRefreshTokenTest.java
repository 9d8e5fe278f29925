package io.authpipe.refresh.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.RefreshFault;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Silent refresh against a Pleroma-like server that carries the same refresh token over on every refresh (no
 * rotation): refreshes keep working, and once the worker has seen that the server does not rotate, a refresh whose
 * answer was lost is safely sent again.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CarriedOverRefreshTokenTest {
    static final Duration WITHIN = Duration.ofSeconds(30);
    static RefreshPipeline pipeline;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) {
        pipeline = RefreshPipeline.start(kafka, dir, false);
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @Test
    void refreshesKeepWorkingAndALostAnswerIsReplayedOnceTheServerIsKnownNotToRotate() {
        TestTenant tenant = pipeline.newTenant();
        JsonNode first = pipeline.connect(tenant, "user-1");
        JsonNode refreshed = pipeline.awaitVersion(tenant, "user-1", 2, WITHIN);
        assertThat(refreshed.path("status").asText()).isEqualTo("active");
        int grantsBefore = pipeline.sandbox().refreshGrantsReceived();

        pipeline.sandbox().failRefreshes(RefreshFault.slowAnswer(RefreshPipeline.REQUEST_TIMEOUT.plusSeconds(2)), 1);
        JsonNode recovered = pipeline.awaitVersion(tenant, "user-1", 3, WITHIN);

        assertThat(recovered.path("status").asText()).isEqualTo("active");
        assertThat(pipeline.sandbox().refreshGrantsReceived() - grantsBefore).isEqualTo(2);
        assertThat(pipeline.results("refreshed")).isGreaterThanOrEqualTo(2);
        String token = pipeline.credential(tenant, "user-1").json().path("credential").asText();
        assertThat(token).isNotEqualTo(first.path("credential").asText());
        assertThat(pipeline.sandbox().activeTokensOf("alice")).contains(token);
        assertThat(pipeline.revocations(tenant, "user-1")).isEmpty();
        pipeline.disconnect(tenant, "user-1");
    }
}
