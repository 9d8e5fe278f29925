package io.authpipe.health.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.broker.testing.MutableClock;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.RateLimits;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance that limits every API call per IP (as GoToSocial and many proxies do: 40 per 5 minutes here), and a
 * worker asked to check 12 connections every 30 seconds: three times more than the limit allows. The worker reads
 * {@code X-RateLimit-*} and slows down before the limit, so it meets few 429s, and no connection is lost. The sandbox
 * and the worker share a clock the test moves in 10-second steps.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RateLimitStormTest {
    static final int CONNECTIONS = 12;
    static final int PER_IP_LIMIT = 40;
    static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void checksSlowDownToTheInstancesSharedLimitAndEveryConnectionStaysActive(EmbeddedKafka kafka,
                                                                               @TempDir Path dir) {
        MutableClock clock = MutableClock.frozenAt(Instant.parse("2026-11-26T12:00:00Z"));
        SandboxConfig sandbox = SandboxConfig.defaults().withClock(clock)
                .withRateLimits(RateLimits.mastodonDefaults().withPerIpApiLimit(PER_IP_LIMIT));
        try (HealthPipeline pipeline = HealthPipeline.start(kafka, dir, sandbox, clock, Map.of(
                "AUTHPIPE_HEALTH_INTERVAL", "30s", "AUTHPIPE_HEALTH_RETRY_BASE", "10s",
                "AUTHPIPE_HEALTH_MIN_GAP", "1s", "AUTHPIPE_HEALTH_INSTANCE_BUDGET", "100000"))) {
            TestTenant tenant = pipeline.newTenant();
            List<String> users = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                String user = "storm-" + i;
                pipeline.connect(tenant, user, i % 2 == 0 ? "alice" : "bob");
                pipeline.awaitScheduled(tenant, user, check -> true);
                users.add(user);
                if (i % 4 == 3) {
                    clock.advance(WINDOW); // a fresh window for the next connects' own API calls
                }
            }

            Duration simulated = WINDOW.multipliedBy(3);
            for (Duration elapsed = Duration.ZERO; elapsed.compareTo(simulated) < 0;
                 elapsed = elapsed.plusSeconds(10)) {
                clock.advance(Duration.ofSeconds(10));
                org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(150)).atMost(Duration.ofSeconds(10))
                        .until(() -> pipeline.worker().meters().get("authpipe.health.in.flight").gauge().value() == 0);
            }

            double healthy = pipeline.checks("healthy");
            double throttled = pipeline.checks("rate_limited");
            // asked for 12 x 10 per window, the instance allows 40: the worker keeps to it and meets few 429s
            assertThat(healthy).isBetween(3.0 * PER_IP_LIMIT * 0.5, 4.0 * PER_IP_LIMIT);
            assertThat(throttled).isLessThanOrEqualTo(4 * 4);
            for (String user : users) {
                JsonNode connection = pipeline.connection(tenant, user);
                assertThat(connection.path("status").asText()).as(user).isEqualTo("active");
                assertThat(connection.path("version").asLong()).as(user).isEqualTo(1);
                assertThat(connection.path("health").path("lastCheckAt").isNull()).as(user).isFalse();
                assertThat(pipeline.revocations(tenant, user)).as(user).isEmpty();
            }
        }
    }
}
