package io.authpipe.health.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.events.CheckOutcome;
import io.authpipe.events.Revocation;
import io.authpipe.events.RevocationReason;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.kafka.testing.SecretScan;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import io.authpipe.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled checks end to end: real Kafka, broker-api, the health-worker checking every 2 s (real time), the sandbox
 * over HTTP. Each test connects its own tenant's user, so its token is its own (Mastodon reuses a token per app, user
 * and scopes, and each tenant has its own app).
 */
@ExtendWith(KafkaBrokerExtension.class)
class HealthMonitoringTest {
    static final Duration WITHIN = Duration.ofSeconds(20);
    static HealthPipeline pipeline;
    static EmbeddedKafka kafka;
    @TempDir
    static Path dir;

    final String user = "user-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start(EmbeddedKafka broker) {
        kafka = broker;
        pipeline = HealthPipeline.start(kafka, dir, SandboxConfig.defaults(), Clock.systemUTC(), Map.of(
                "AUTHPIPE_HEALTH_INTERVAL", "2s",
                "AUTHPIPE_HEALTH_RETRY_BASE", "1s",
                "AUTHPIPE_HEALTH_MIN_GAP", "1s"));
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @Test
    void aHealthyConnectionIsCheckedAndTheCheckShowsInTheApiWithoutAnyNewVersion() {
        TestTenant tenant = pipeline.newTenant();
        pipeline.connect(tenant, user, "alice");

        JsonNode checked = pipeline.awaitConnection(tenant, user,
                c -> "healthy".equals(c.path("health").path("lastOutcome").asText(null)), WITHIN);

        assertThat(checked.path("status").asText()).isEqualTo("active");
        assertThat(checked.path("version").asLong()).isEqualTo(1);
        assertThat(checked.path("health").path("lastCheckAt").asText()).isNotBlank();
        assertThat(pipeline.revocations(tenant, user)).isEmpty();
        assertThat(pipeline.checks("healthy")).isPositive();
    }

    @Test
    void aTokenRevokedAtTheSandboxIsDetectedAndPublishedOnceWithItsEvidence() {
        TestTenant tenant = pipeline.newTenant();
        String token = pipeline.connect(tenant, user, "alice");

        assertThat(pipeline.sandbox().revokeToken(token)).isTrue();

        List<Revocation> revocations = pipeline.awaitRevocations(tenant, user, 1, WITHIN);
        Revocation revoked = revocations.get(0);
        assertThat(revoked.getReason()).isEqualTo(RevocationReason.REVOKED_AT_PROVIDER);
        assertThat(revoked.getVersion()).isEqualTo(2);
        assertThat(revoked.getEvidence().getHttpStatus()).isEqualTo(401);
        assertThat(revoked.getEvidence().getErrorCode()).isEqualTo("invalid_token");
        JsonNode connection = pipeline.connection(tenant, user);
        assertThat(connection.path("status").asText()).isEqualTo("revoked");
        assertThat(connection.path("statusReason").asText()).isEqualTo("revoked_at_provider");
        assertThat(connection.path("health").path("lastOutcome").asText()).isEqualTo("revoked");
        assertThat(pipeline.broker().api(tenant).get("/v1/credentials/mastodon/" + user).status()).isEqualTo(410);
    }

    @Test
    void aSuspendedAccountIsSuspendedOnceAndRecoversOnceWhenTheSuspensionIsLifted() {
        TestTenant tenant = pipeline.newTenant();
        pipeline.connect(tenant, user, "bob");

        pipeline.sandbox().suspend("bob");
        try {
            JsonNode suspended = pipeline.awaitConnection(tenant, user,
                    c -> "suspended".equals(c.path("status").asText()), WITHIN);
            assertThat(suspended.path("statusReason").asText()).isEqualTo("account_suspended");
            // still checked while suspended, without a second event
            double checksWhileSuspended = pipeline.checks("suspended");
            await().atMost(WITHIN)
                    .until(() -> pipeline.checks("suspended") > checksWhileSuspended);
            assertThat(pipeline.revocations(tenant, user)).hasSize(1);
        } finally {
            pipeline.sandbox().unsuspend("bob");
        }

        JsonNode recovered = pipeline.awaitConnection(tenant, user,
                c -> "active".equals(c.path("status").asText()), WITHIN);
        List<Revocation> events = pipeline.awaitRevocations(tenant, user, 2, WITHIN);
        assertThat(events).extracting(Revocation::getReason)
                .containsExactly(RevocationReason.ACCOUNT_SUSPENDED, RevocationReason.RECOVERED);
        assertThat(events.get(0).getEvidence().getHttpStatus()).isEqualTo(403);
        assertThat(events).extracting(Revocation::getVersion).containsExactly(2L, 3L);
        assertThat(recovered.path("version").asLong()).isEqualTo(3);
        assertThat(recovered.path("health").path("lastOutcome").asText())
                .isEqualTo(CheckOutcome.HEALTHY.name().toLowerCase());
        assertThat(pipeline.broker().api(tenant).get("/v1/credentials/mastodon/" + user).status()).isEqualTo(200);
    }

    @Test
    void noAccessTokenOrClientSecretReachesATopicAStateFileTheLogOrAMetric() throws Exception {
        TestTenant tenant = pipeline.newTenant();
        pipeline.connect(tenant, user, "alice");
        pipeline.awaitConnection(tenant, user,
                c -> "healthy".equals(c.path("health").path("lastOutcome").asText(null)), WITHIN);
        List<String> secrets = new ArrayList<>(pipeline.sandbox().everyTokenOf("alice"));
        secrets.addAll(pipeline.sandbox().everyTokenOf("bob"));
        secrets.addAll(pipeline.sandbox().clientSecrets());
        assertThat(secrets).isNotEmpty();

        String metrics = pipeline.worker().scrape();
        SecretScan scan = SecretScan.ofCluster(pipeline.broker().kafkaBootstrap(), Duration.ofSeconds(60))
                .directory(dir).directory(kafka.dataDir())
                .text("test log", Files.readString(Path.of("target", "test-logs", "health-worker-tests.log")))
                .text("metrics", metrics);

        scan.assertNoneOf(secrets);
        assertThat(scan.topics()).contains(Topics.CHECK_SUBJECTS)
                .anyMatch(topic -> topic.endsWith("health-checks-changelog"));
        assertThat(metrics).contains("authpipe_health_checks_total", "authpipe_health_instance_budget_available",
                "authpipe_health_overdue_seconds", "authpipe_health_time_since_last_check_seconds");
    }
}
