package io.authpipe.health.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.RefreshFault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Pleroma-like server (6-second tokens, refresh tokens carried over) whose token endpoint answers 503 for three
 * token lifetimes while the health-worker checks every second: the expired tokens are the refresh-worker's, never a
 * revocation (issue 10). Real Kafka, broker-api, both workers, the sandbox over HTTP.
 */
@ExtendWith(KafkaBrokerExtension.class)
class TokenEndpointOutageTest {
    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpointOutageTest.class);
    static final int CONNECTIONS = 3;
    static final Duration OUTAGE = ExpiringTokensPipeline.TOKEN_TTL.multipliedBy(3);
    static ExpiringTokensPipeline pipeline;
    @TempDir
    static Path dir;

    /** One connection of its own tenant (so its own app, and its own token at the sandbox). */
    record Connection(TestTenant tenant, String userId, String firstToken) {
    }

    @BeforeAll
    static void start(EmbeddedKafka kafka) {
        pipeline = ExpiringTokensPipeline.start(kafka, dir, false);
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @Test
    void connectionsWhoseTokensExpireDuringATokenEndpointOutageStayRefreshingAndComeBackWhenItEnds() {
        // Given
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            TestTenant tenant = pipeline.newTenant();
            connections.add(new Connection(tenant, "user-" + i, pipeline.connect(tenant, "user-" + i)));
        }
        double leftBefore = pipeline.checks("left_to_refresh");

        // When: every refresh meets a proxy's 503 page for three token lifetimes, then the endpoint is back
        pipeline.sandbox().failRefreshes(RefreshFault.proxyPage(), Integer.MAX_VALUE);
        Instant outageEnds = Instant.now().plus(OUTAGE);
        Set<String> statusesSeen = new HashSet<>();
        await().atMost(OUTAGE.plusSeconds(10)).pollInterval(Duration.ofMillis(250)).until(() -> {
            connections.forEach(c -> statusesSeen.add(pipeline.connection(c.tenant(), c.userId()).path("status")
                    .asText()));
            return Instant.now().isAfter(outageEnds);
        });
        List<JsonNode> atOutageEnd = connections.stream().map(c -> pipeline.connection(c.tenant(), c.userId()))
                .toList();
        pipeline.sandbox().failRefreshes(RefreshFault.proxyPage(), 0);
        Instant restored = Instant.now();
        for (Connection c : connections) {
            pipeline.awaitConnection(c.tenant(), c.userId(), json -> json.path("status").asText().equals("active"),
                    Duration.ofSeconds(20));
        }
        Duration recovery = Duration.between(restored, Instant.now());

        // Then
        LOG.info("token endpoint outage of {}: {} connections back in {} ms; statuses seen {}", OUTAGE, CONNECTIONS,
                recovery.toMillis(), statusesSeen);
        assertThat(statusesSeen).containsOnly("active", "refreshing").contains("refreshing");
        assertThat(atOutageEnd).allSatisfy(json -> {
            assertThat(json.path("status").asText()).isEqualTo("refreshing");
            assertThat(Instant.parse(json.path("expiresAt").asText())).isBefore(restored);
            assertThat(json.path("refresh").path("failures").asInt()).isPositive();
        });
        assertThat(pipeline.checks("left_to_refresh")).isGreaterThan(leftBefore);
        for (Connection c : connections) {
            Api.Reply credential = pipeline.credential(c.tenant(), c.userId());
            assertThat(credential.status()).isEqualTo(200);
            assertThat(credential.json().path("credential").asText()).isNotEqualTo(c.firstToken());
            assertThat(pipeline.sandbox().activeTokensOf("alice")).contains(credential.json().path("credential")
                    .asText());
            assertThat(pipeline.revocations(c.tenant(), c.userId())).isEmpty();
        }
        assertThat(pipeline.sandbox().tokensRevoked()).isZero();
        assertThat(pipeline.sandbox().refreshReplaysDetected()).isZero();
    }
}
