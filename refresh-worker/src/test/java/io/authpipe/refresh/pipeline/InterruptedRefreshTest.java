package io.authpipe.refresh.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.broker.testing.Api;
import io.authpipe.events.RevocationReason;
import io.authpipe.events.StatusChange;
import io.authpipe.sandbox.mastodon.RefreshFault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Refreshes interrupted: by a disconnect while the answer is on its way, by the worker stopping mid-refresh, by an
 * answer that is lost (probed, never replayed against a rotating server), and by no worker at all while a reader waits.
 */
class InterruptedRefreshTest extends RefreshPipelineTestBase {

    @Test
    @Order(4)
    void aRefreshResultArrivingAfterADisconnectChangesNothing() {
        connect();
        disconnectWhileTheRefreshIsInFlight(user);
        connected = false;
    }

    @Test
    @Order(2)
    void theWorkerStoppedMidRefreshLosesNothingAndDoesNotRefreshTwice() {
        JsonNode first = connect();
        int grantsBefore = pipeline.sandbox().refreshGrantsReceived();
        pipeline.sandbox().failRefreshes(RefreshFault.slowAnswer(Duration.ofSeconds(2)), 1);
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20))
                .until(() -> pipeline.sandbox().refreshGrantsReceived() > grantsBefore);

        pipeline.stopWorker();
        pipeline.startWorker();

        JsonNode refreshed = pipeline.awaitVersion(tenant, user, 2, WITHIN);
        assertThat(refreshed.path("status").asText()).isEqualTo("active");
        assertThat(pipeline.sandbox().refreshGrantsReceived() - grantsBefore).isEqualTo(1);
        Api.Reply now = pipeline.credential(tenant, user);
        assertThat(now.json().path("credential").asText()).isNotEqualTo(first.path("credential").asText());
        assertThat(pipeline.sandbox().activeTokensOf("alice")).contains(now.json().path("credential").asText());
        assertThat(pipeline.revocations(tenant, user)).isEmpty();
    }

    @Test
    @Order(1)
    void aRefreshWhoseAnswerWasLostIsProbedAndNeverReplayedAgainstARotatingServer() {
        connect();
        loseTheAnswerOfARefresh(user);
    }

    /**
     * The two scenarios above back to back, for the same sandbox account through the same app: Mastodon hands the
     * next authorisation any active token of that app, account and scopes, so tokens a late refresh issued for a
     * connection that no longer exists must not stay alive at the provider (they did: the next connection received
     * them, with what was left of their lifetime, and its lost answer could no longer be probed).
     */
    @Test
    @Order(5)
    void theTokensOfARefreshThatAnsweredAfterTheDisconnectAreRevokedAndNeverReachTheNextConnection() {
        String gone = user + "-gone";
        pipeline.connect(tenant, gone);
        int revokedBefore = pipeline.sandbox().tokensRevoked();
        disconnectWhileTheRefreshIsInFlight(gone);

        List<String> issuedSoFar = pipeline.sandbox().everyTokenOf("alice");
        JsonNode next = connect();
        assertThat(issuedSoFar.contains(next.path("credential").asText()))
                .as("the next connection received a token issued before it (never print tokens)").isFalse();
        assertThat(pipeline.sandbox().tokensRevoked() - revokedBefore)
                .as("tokens revoked other than by a refresh: those of the late refresh").isEqualTo(1);
        loseTheAnswerOfARefresh(user);
    }

    /** Disconnects {@code userId} while its refresh waits 2 s for its answer; the late result changes nothing. */
    private void disconnectWhileTheRefreshIsInFlight(String userId) {
        int grantsBefore = pipeline.sandbox().refreshGrantsReceived();
        double refreshedBefore = pipeline.results("refreshed");
        pipeline.sandbox().failRefreshes(RefreshFault.slowAnswer(Duration.ofSeconds(2)), 1);
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20))
                .until(() -> pipeline.sandbox().refreshGrantsReceived() > grantsBefore);

        assertThat(pipeline.disconnect(tenant, userId).status()).isEqualTo(200);
        await().atMost(WITHIN).until(() -> pipeline.results("refreshed") > refreshedBefore);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> pipeline.connection(tenant, userId) == null);
        assertThat(pipeline.credential(tenant, userId).status()).isEqualTo(404);
        assertThat(pipeline.awaitRevocations(tenant, userId)).singleElement().satisfies(r -> {
            assertThat(r.getReason()).isEqualTo(RevocationReason.DISCONNECTED_BY_TENANT);
            assertThat(r.getChange()).isEqualTo(StatusChange.DELETED);
        });
    }

    /** The refresh of connected {@code userId} is answered after the request timeout: probed, never replayed. */
    private void loseTheAnswerOfARefresh(String userId) {
        int grantsBefore = pipeline.sandbox().refreshGrantsReceived();
        pipeline.sandbox().failRefreshes(RefreshFault.slowAnswer(RefreshPipeline.REQUEST_TIMEOUT.plusSeconds(2)), 1);

        JsonNode lost = pipeline.awaitConnection(tenant, userId,
                c -> c.path("status").asText().equals("needs_reauthorization"), WITHIN);

        assertThat(lost.path("refresh").path("lastError").asText()).isEqualTo("refresh_answer_lost");
        assertThat(pipeline.sandbox().refreshGrantsReceived() - grantsBefore).isEqualTo(1);
        assertThat(pipeline.awaitRevocations(tenant, userId)).singleElement()
                .satisfies(r -> assertThat(r.getReason()).isEqualTo(RevocationReason.REFRESH_REJECTED));
    }

    @Test
    @Order(3)
    void anExpiredCredentialIsNeverServedAndAReaderCanWaitForItsUrgentRefresh() {
        JsonNode first = connect();
        pipeline.stopWorker();
        Instant expiry = Instant.parse(first.path("expiresAt").asText());
        await().atMost(WITHIN).until(() -> Instant.now().isAfter(expiry.plusMillis(200)));

        Api.Reply expired = pipeline.credential(tenant, user);
        assertThat(expired.status()).isEqualTo(503);
        assertThat(expired.error()).isEqualTo("credential_expired");
        assertThat(expired.header("Retry-After")).isEqualTo("1");
        assertThat(expired.text()).doesNotContain(first.path("credential").asText());
        pipeline.startWorker();
        Api.Reply waited = pipeline.credential(tenant, user, 10);

        assertThat(waited.status()).isEqualTo(200);
        assertThat(waited.json().path("credential").asText()).isNotEqualTo(first.path("credential").asText());
        assertThat(Instant.parse(waited.json().path("expiresAt").asText())).isAfter(Instant.now());
    }
}
