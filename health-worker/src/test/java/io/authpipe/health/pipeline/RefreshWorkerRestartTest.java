package io.authpipe.health.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.RefreshFault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refresh-worker restarted while a refresh is in flight, against a server that rotates refresh tokens and revokes
 * the whole family when a rotated one is replayed, with the health-worker checking every second: between the
 * server's refresh (which revokes the old access token) and the vault applying its result, the old token is refused,
 * and neither a scheduled check nor a consumer's report of that 401 may take it for a revocation (issue 10). Real
 * Kafka, broker-api, both workers, the sandbox over HTTP.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RefreshWorkerRestartTest {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshWorkerRestartTest.class);
    static final int ROUNDS = 3;
    /** How long the sandbox holds a refresh's answer after refreshing: shorter than the worker's 2 s timeout. */
    static final Duration HOLD = Duration.ofMillis(1500);
    static final Duration WITHIN = Duration.ofSeconds(30);
    static final String USER = "user-1";
    static ExpiringTokensPipeline pipeline;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start(EmbeddedKafka kafka) {
        pipeline = ExpiringTokensPipeline.start(kafka, dir, true);
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @Test
    void restartsMidRefreshLoseNothingAndTheRefusedOldTokenIsNeverARevocation() {
        // Given
        TestTenant tenant = pipeline.newTenant();
        pipeline.connect(tenant, USER);
        Set<String> tokensServed = new HashSet<>();

        for (int round = 1; round <= ROUNDS; round++) {
            // When: a refresh reaches the server, which refreshes and holds the answer back
            long version = pipeline.connection(tenant, USER).path("version").asLong();
            pipeline.sandbox().failRefreshes(RefreshFault.slowAnswer(HOLD), 1);
            await().atMost(WITHIN).pollInterval(Duration.ofMillis(20))
                    .until(() -> pipeline.refreshFaultsRemaining() == 0);
            Instant inFlight = Instant.now();
            int reported = pipeline.reportRefused(tenant, USER).status();
            pipeline.stopRefreshWorker();
            pipeline.startRefreshWorker();

            // Then
            JsonNode after = pipeline.awaitConnection(tenant, USER, c -> c.path("version").asLong() > version
                    && c.path("status").asText().equals("active"), WITHIN);
            LOG.info("restart round {}: version {} -> {} in {} ms (report answered {})", round, version,
                    after.path("version").asLong(), Duration.between(inFlight, Instant.now()).toMillis(), reported);
            assertThat(reported).isIn(202, 410);
            // a 6-second token may have expired by now on a loaded machine: its refreshed successor is served
            tokensServed.add(await().atMost(WITHIN).until(() -> pipeline.credential(tenant, USER),
                    reply -> reply.status() == 200).json().path("credential").asText());
        }

        assertThat(tokensServed).hasSizeGreaterThanOrEqualTo(ROUNDS).doesNotContain("");
        assertThat(pipeline.revocations(tenant, USER)).isEmpty();
        assertThat(pipeline.sandbox().refreshReplaysDetected()).isZero();
        assertThat(pipeline.sandbox().tokensRevoked()).isZero();
        assertThat(pipeline.checks("revoked")).isZero();
        assertThat(pipeline.checks("left_to_refresh")).isPositive();
    }
}
