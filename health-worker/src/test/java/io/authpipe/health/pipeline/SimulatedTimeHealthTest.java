package io.authpipe.health.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.broker.testing.MutableClock;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.broker.testing.TopicProbe;
import io.authpipe.events.CheckReason;
import io.authpipe.events.Revocation;
import io.authpipe.events.RevocationReason;
import io.authpipe.events.ScheduledCheck;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.deadletter.DeadLetterHeaders;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.Outage;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import io.authpipe.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health-worker with the default 30-minute interval, on a clock the test moves: checks on request within
 * seconds, a long outage that never revokes, and a restart that keeps the schedule. Real Kafka, broker-api and the
 * sandbox over HTTP; each test has its own tenant, so its own token.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SimulatedTimeHealthTest {
    static final Duration WITHIN = Duration.ofSeconds(20);
    static final MutableClock CLOCK = MutableClock.frozenAt(Instant.now());
    static HealthPipeline pipeline;
    static EmbeddedKafka kafka;
    @TempDir
    static Path dir;

    final String user = "user-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start(EmbeddedKafka broker) {
        kafka = broker;
        pipeline = HealthPipeline.start(kafka, dir, SandboxConfig.defaults(), CLOCK, Map.of(
                "AUTHPIPE_HEALTH_INTERVAL", "30m", "AUTHPIPE_HEALTH_RETRY_BASE", "1m"));
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @Test
    void aConsumersReportOfA401LeadsToARevocationWithinSecondsNotAtTheNextScheduledCheck() {
        TestTenant tenant = pipeline.newTenant();
        String token = pipeline.connect(tenant, user, "alice");
        pipeline.awaitScheduled(tenant, user, check -> true);
        pipeline.sandbox().revokeToken(token);

        pipeline.requestCheck(tenant, user, CheckReason.TOKEN_REFUSED, 401);

        Revocation revoked = pipeline.awaitRevocations(tenant, user, 1, Duration.ofSeconds(10)).get(0);
        assertThat(revoked.getReason()).isEqualTo(RevocationReason.REVOKED_AT_PROVIDER);
        assertThat(revoked.getEvidence().getHttpStatus()).isEqualTo(401);
    }

    @Test
    void theCheckEndpointDoesTheSameForAServiceThatPrefersHttp() {
        TestTenant tenant = pipeline.newTenant();
        String token = pipeline.connect(tenant, user, "alice");
        pipeline.awaitScheduled(tenant, user, check -> true);
        pipeline.sandbox().revokeToken(token);

        var answer = pipeline.broker().api(tenant).post("/v1/connections/mastodon/" + user + "/check",
                "{\"reportedStatus\":401}");

        assertThat(answer.status()).isEqualTo(202);
        JsonNode revoked = pipeline.awaitConnection(tenant, user, c -> "revoked".equals(c.path("status").asText()),
                Duration.ofSeconds(10));
        assertThat(revoked.path("health").path("lastOutcome").asText()).isEqualTo("revoked");
        assertThat(pipeline.awaitRevocations(tenant, user, 1, WITHIN)).hasSize(1);
    }

    @Test
    void aMalformedCheckRequestGoesToTheDeadLetterTopicAndTheNextOneIsStillServed() {
        TestTenant tenant = pipeline.newTenant();
        pipeline.connect(tenant, user, "alice");
        pipeline.awaitScheduled(tenant, user, check -> true);
        String key = HealthPipeline.key(tenant, user);

        pipeline.produce(Topics.CHECK_REQUESTS, key, "{\"please\":\"check\"}".getBytes(StandardCharsets.UTF_8));
        pipeline.requestCheck(tenant, user, CheckReason.OPERATOR, null);

        pipeline.awaitConnection(tenant, user, c -> "healthy".equals(c.path("health").path("lastOutcome").asText(null)),
                WITHIN);
        var dead = await().atMost(WITHIN).until(() -> new TopicProbe(kafka.bootstrapServers())
                .records(Topics.DEAD_LETTERS).stream().filter(r -> key.equals(r.key())).toList(), l -> !l.isEmpty());
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"please\":\"check\"}");
        assertThat(TopicProbe.header(dead.get(0), DeadLetterHeaders.REASON)).startsWith("not a CheckRequest");
        assertThat(TopicProbe.header(dead.get(0), DeadLetterHeaders.SOURCE)).isEqualTo(Topics.CHECK_REQUESTS);
    }

    @Test
    void anInstanceDownForTwoSimulatedDaysIsCheckedWithBackoffAndNeverRevokesAnything() {
        TestTenant tenant = pipeline.newTenant();
        pipeline.connect(tenant, user, "bob");
        pipeline.awaitScheduled(tenant, user, check -> true);
        pipeline.sandbox().startOutage(Outage.proxyPage());
        try {
            ScheduledCheck last = null;
            for (int inRow = 1; inRow <= 24; inRow++) { // two simulated days, two hours at a time
                CLOCK.advance(Duration.ofHours(2));
                int expected = inRow;
                last = pipeline.awaitScheduled(tenant, user, check -> check.getAmbiguousInRow() == expected);
            }
            // backed off from a minute to the normal interval (30 minutes, with jitter)
            assertThat(Duration.between(last.getLastCheckAt(), last.getDueAt())).isBetween(Duration.ofMinutes(23),
                    Duration.ofMinutes(37));
            JsonNode during = pipeline.awaitConnection(tenant, user,
                    c -> "instance_unavailable".equals(c.path("health").path("lastOutcome").asText(null)), WITHIN);
            assertThat(during.path("status").asText()).isEqualTo("active");
            assertThat(during.path("version").asLong()).isEqualTo(1);
        } finally {
            pipeline.sandbox().endOutage();
        }

        CLOCK.advance(Duration.ofMinutes(37)); // backoff capped at the interval, at most 36 minutes with jitter
        JsonNode after = pipeline.awaitConnection(tenant, user,
                c -> "healthy".equals(c.path("health").path("lastOutcome").asText(null)), WITHIN);
        assertThat(after.path("status").asText()).isEqualTo("active");
        assertThat(pipeline.revocations(tenant, user)).isEmpty();
    }

    @Test
    void aWorkerRestartedWithoutItsLocalStateRestoresTheScheduleAndKeepsChecking() {
        TestTenant tenant = pipeline.newTenant();
        String token = pipeline.connect(tenant, user, "alice");
        pipeline.awaitScheduled(tenant, user, check -> true);
        CLOCK.advance(Duration.ofMinutes(46)); // the first check is due within 15 to 45 minutes
        ScheduledCheck before = pipeline.awaitScheduled(tenant, user, check -> check.getLastCheckAt() != null);

        pipeline.stopWorker();
        pipeline.startWorker(dir.resolve("fresh-worker-state-" + user));

        ScheduledCheck restored = pipeline.awaitScheduled(tenant, user, check -> true);
        assertThat(restored.getDueAt()).isEqualTo(before.getDueAt());
        assertThat(restored.getLastCheckAt()).isEqualTo(before.getLastCheckAt());
        pipeline.sandbox().revokeToken(token);
        CLOCK.advance(Duration.between(CLOCK.instant(), restored.getDueAt()).plusSeconds(1));

        List<Revocation> revoked = pipeline.awaitRevocations(tenant, user, 1, WITHIN);
        assertThat(revoked.get(0).getReason()).isEqualTo(RevocationReason.REVOKED_AT_PROVIDER);
    }
}
