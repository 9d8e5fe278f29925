package io.authpipe.refresh.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.events.RevocationReason;
import io.authpipe.events.StatusChange;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.kafka.testing.SecretScan;
import io.authpipe.sandbox.mastodon.RefreshFault;
import io.authpipe.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Silent refresh end to end against a server that rotates refresh tokens and revokes the whole grant when a rotated
 * one is replayed (Keycloak-like): real Kafka, broker-api, refresh-worker, the sandbox over HTTP. Each test connects
 * its own user (one tenant, so one app registration for the class) and disconnects it afterwards, so only its
 * connection refreshes while it runs.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SilentRefreshTest {
    static final Duration WITHIN = Duration.ofSeconds(30);
    static RefreshPipeline pipeline;
    static TestTenant tenant;
    static EmbeddedKafka broker;
    @TempDir
    static Path dir;

    final String user = "user-" + UUID.randomUUID().toString().substring(0, 8);
    boolean connected;

    @BeforeAll
    static void start(EmbeddedKafka kafka) {
        broker = kafka;
        pipeline = RefreshPipeline.start(kafka, dir, true);
        tenant = pipeline.newTenant();
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @AfterEach
    void disconnect() {
        if (connected) {
            pipeline.disconnect(tenant, user);
        }
    }

    private JsonNode connect() {
        connected = true;
        return pipeline.connect(tenant, user);
    }

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
    void aRefreshResultArrivingAfterADisconnectChangesNothing() {
        connect();
        int grantsBefore = pipeline.sandbox().refreshGrantsReceived();
        double refreshedBefore = pipeline.results("refreshed");
        pipeline.sandbox().failRefreshes(RefreshFault.slowAnswer(Duration.ofSeconds(2)), 1);
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20))
                .until(() -> pipeline.sandbox().refreshGrantsReceived() > grantsBefore);

        assertThat(pipeline.disconnect(tenant, user).status()).isEqualTo(200);
        await().atMost(WITHIN).until(() -> pipeline.results("refreshed") > refreshedBefore);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> pipeline.connection(tenant, user) == null);
        assertThat(pipeline.credential(tenant, user).status()).isEqualTo(404);
        assertThat(pipeline.awaitRevocations(tenant, user)).singleElement().satisfies(r -> {
            assertThat(r.getReason()).isEqualTo(RevocationReason.DISCONNECTED_BY_TENANT);
            assertThat(r.getChange()).isEqualTo(StatusChange.DELETED);
        });
        connected = false;
    }

    @Test
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
    void aRefreshWhoseAnswerWasLostIsProbedAndNeverReplayedAgainstARotatingServer() {
        connect();
        int grantsBefore = pipeline.sandbox().refreshGrantsReceived();
        pipeline.sandbox().failRefreshes(RefreshFault.slowAnswer(RefreshPipeline.REQUEST_TIMEOUT.plusSeconds(2)), 1);

        JsonNode lost = pipeline.awaitConnection(tenant, user,
                c -> c.path("status").asText().equals("needs_reauthorization"), WITHIN);

        assertThat(lost.path("refresh").path("lastError").asText()).isEqualTo("refresh_answer_lost");
        assertThat(pipeline.sandbox().refreshGrantsReceived() - grantsBefore).isEqualTo(1);
        assertThat(pipeline.awaitRevocations(tenant, user)).singleElement()
                .satisfies(r -> assertThat(r.getReason()).isEqualTo(RevocationReason.REFRESH_REJECTED));
    }

    @Test
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

    @Test
    void aWaitOutsideZeroToTenSecondsIsABadRequest() {
        connect();

        Api.Reply reply = pipeline.credential(tenant, user, 11);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("invalid_wait");
    }

    /** Runs last: every token any test made the sandbox issue, scanned for everywhere Authpipe writes. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noAccessOrRefreshTokenOrClientSecretReachesATopicAStateFileTheLogOrAMetric() throws Exception {
        List<String> secrets = new ArrayList<>(pipeline.sandbox().everyTokenOf("alice"));
        secrets.addAll(pipeline.sandbox().clientSecrets());
        assertThat(secrets).hasSizeGreaterThan(10);
        String metrics = pipeline.worker().scrape();
        SecretScan scan = SecretScan.ofCluster(broker.bootstrapServers(), Duration.ofSeconds(60))
                .directory(dir).directory(broker.dataDir())
                .text("test log", Files.readString(Path.of("target", "test-logs", "refresh-worker-tests.log")))
                .text("metrics", metrics);

        scan.assertNoneOf(secrets);
        assertThat(scan.topics()).contains(Topics.EXPIRY_TIMERS);
        assertThat(metrics).contains("authpipe_refresh_timers_pending", "authpipe_refresh_dispatch_lag_seconds");
    }
}
