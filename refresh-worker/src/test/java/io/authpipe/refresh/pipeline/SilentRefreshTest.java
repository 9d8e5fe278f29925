package io.authpipe.refresh.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.broker.testing.Api;
import io.authpipe.events.RevocationReason;
import io.authpipe.sandbox.mastodon.RefreshFault;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Silent refresh end to end: an expiring token refreshed before it expires with its rotated refresh token, transient
 * failures retried with backoff, a rejected refresh reported once, a throttled one waiting for the server's reset.
 */
class SilentRefreshTest extends RefreshPipelineTestBase {

    @Test
    void anExpiringTokenIsRefreshedBeforeItExpiresAndTheRotatedRefreshTokenKeepsWorking() {
        JsonNode first = connect();
        Instant firstExpiry = Instant.parse(first.path("expiresAt").asText());

        JsonNode refreshed = pipeline.awaitVersion(tenant, user, 2, WITHIN);
        JsonNode again = pipeline.awaitVersion(tenant, user, 3, WITHIN);

        assertThat(Instant.parse(refreshed.path("refresh").path("lastRefreshAt").asText())).isBefore(firstExpiry);
        assertThat(again.path("status").asText()).isEqualTo("active");
        Api.Reply now = pipeline.credential(tenant, user);
        assertThat(now.status()).isEqualTo(200);
        assertThat(now.json().path("credential").asText()).isNotEqualTo(first.path("credential").asText());
        assertThat(pipeline.sandbox().activeTokensOf("alice")).contains(now.json().path("credential").asText())
                .doesNotContain(first.path("credential").asText());
        assertThat(now.json().path("refresh").path("nextRefreshAt").asText()).isNotEmpty();
        assertThat(pipeline.revocations(tenant, user)).isEmpty();
    }

    @Test
    void transientFailuresAreRetriedWithBackoffUntilTheRefreshSucceeds() {
        connect();
        int grantsBefore = pipeline.sandbox().refreshGrantsReceived();
        pipeline.sandbox().failRefreshes(RefreshFault.serverError(), 1);

        JsonNode failing = pipeline.awaitConnection(tenant, user, c -> c.path("version").asLong() >= 2, WITHIN);
        assertThat(failing.path("status").asText()).isEqualTo("refreshing");
        assertThat(failing.path("refresh").path("failures").asInt()).isEqualTo(1);
        assertThat(failing.path("refresh").path("lastError").asText()).isEqualTo("unavailable");
        pipeline.sandbox().failRefreshes(RefreshFault.proxyPage(), 1);

        JsonNode recovered = pipeline.awaitConnection(tenant, user, c -> c.path("version").asLong() >= 4, WITHIN);

        assertThat(recovered.path("status").asText()).isEqualTo("active");
        assertThat(recovered.path("refresh").path("failures").asInt()).isZero();
        assertThat(pipeline.sandbox().refreshGrantsReceived() - grantsBefore).isGreaterThanOrEqualTo(3);
        assertThat(pipeline.credential(tenant, user).status()).isEqualTo(200);
        assertThat(pipeline.revocations(tenant, user)).isEmpty();
    }

    @Test
    void aRejectedRefreshNeedsReauthorizationAndIsReportedExactlyOnce() {
        JsonNode first = connect();
        pipeline.sandbox().revokeToken(first.path("credential").asText());

        JsonNode dead = pipeline.awaitConnection(tenant, user,
                c -> c.path("status").asText().equals("needs_reauthorization"), WITHIN);
        int grantsAfter = pipeline.sandbox().refreshGrantsReceived();

        assertThat(dead.path("statusReason").asText()).isEqualTo("refresh_rejected");
        assertThat(dead.path("refresh").path("lastError").asText()).isEqualTo("invalid_grant");
        Api.Reply read = pipeline.credential(tenant, user);
        assertThat(read.status()).isEqualTo(410);
        assertThat(read.json().path("status").asText()).isEqualTo("needs_reauthorization");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> pipeline.sandbox().refreshGrantsReceived() == grantsAfter);
        assertThat(pipeline.awaitRevocations(tenant, user)).singleElement()
                .satisfies(r -> assertThat(r.getReason()).isEqualTo(RevocationReason.REFRESH_REJECTED));
    }

    @Test
    void aThrottledRefreshWaitsForTheServersResetTimeThenSucceeds() {
        connect();
        pipeline.sandbox().failRefreshes(RefreshFault.throttled(Duration.ofSeconds(4)), 1);

        JsonNode throttled = pipeline.awaitConnection(tenant, user, c -> c.path("version").asLong() >= 2, WITHIN);
        int grantsWhileThrottled = pipeline.sandbox().refreshGrantsReceived();

        assertThat(throttled.path("refresh").path("lastError").asText()).isEqualTo("throttled");
        Instant failedAt = Instant.parse(throttled.path("updatedAt").asText());
        Instant retryAt = Instant.parse(throttled.path("refresh").path("nextRefreshAt").asText());
        assertThat(retryAt).isAfter(failedAt.plus(Duration.ofMillis(3_500)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> pipeline.sandbox().refreshGrantsReceived() == grantsWhileThrottled);
        JsonNode refreshed = pipeline.awaitConnection(tenant, user, c -> c.path("version").asLong() >= 3, WITHIN);
        assertThat(refreshed.path("status").asText()).isEqualTo("active");
        assertThat(Instant.parse(refreshed.path("refresh").path("lastRefreshAt").asText())).isAfter(retryAt);
    }

    @Test
    void aWaitOutsideZeroToTenSecondsIsABadRequest() {
        connect();

        Api.Reply reply = pipeline.credential(tenant, user, 11);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("invalid_wait");
    }
}
