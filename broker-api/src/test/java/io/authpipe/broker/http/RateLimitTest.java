package io.authpipe.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.MutableClock;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets on a real broker-api, with its clock standing still so nothing refills unless a test moves it: anonymous
 * requests per client address (here behind a trusted proxy, so each test is its own client), keyed requests per
 * tenant; a spent budget is 429 {@code rate_limited} with {@code Retry-After}, before any work.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RateLimitTest {
    private static final int ANONYMOUS_BURST = 5;
    private static final int TENANT_BURST = 10;
    static final MutableClock CLOCK = MutableClock.frozenAt(Instant.now());
    static BrokerFixture fixture;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) {
        fixture = BrokerFixture.start(kafka, dir, SandboxConfig.defaults(), Map.of(
                "AUTHPIPE_RATE_LIMIT_ANONYMOUS", "1",
                "AUTHPIPE_RATE_LIMIT_ANONYMOUS_BURST", Integer.toString(ANONYMOUS_BURST),
                "AUTHPIPE_RATE_LIMIT_TENANT", "1",
                "AUTHPIPE_RATE_LIMIT_TENANT_BURST", Integer.toString(TENANT_BURST),
                "AUTHPIPE_TRUSTED_PROXIES", "127.0.0.1,::1"), CLOCK);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void anAddressPastItsBurstGets429WithRetryAfterAndAnotherAddressDoesNot() {
        List<Api.Reply> replies = IntStream.range(0, ANONYMOUS_BURST + 1)
                .mapToObj(i -> anonymous("/health", "198.51.100.1")).toList();

        assertThat(replies.subList(0, ANONYMOUS_BURST)).extracting(Api.Reply::status).containsOnly(200);
        Api.Reply limited = replies.get(ANONYMOUS_BURST);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.error()).isEqualTo("rate_limited");
        assertThat(limited.json().path("message").asText()).isNotBlank();
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        assertThat(limited.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(anonymous("/health", "198.51.100.2").status()).isEqualTo(200);

        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(anonymous("/health", "198.51.100.1").status()).isEqualTo(200);
        assertThat(anonymous("/health", "198.51.100.1").status()).isEqualTo(429);
    }

    @Test
    void callbacksAndFinishedPagesShareTheAddressBudget() {
        String callback = "/v1/oauth/callback?tenant=t&state=" + java.util.UUID.randomUUID() + "&code=c";
        List<Integer> statuses = IntStream.range(0, ANONYMOUS_BURST + 2)
                .mapToObj(i -> anonymous(i % 2 == 0 ? callback : "/oauth/finished", "198.51.100.3").status())
                .toList();

        assertThat(statuses.subList(0, ANONYMOUS_BURST)).containsOnly(400, 200);
        assertThat(statuses.subList(ANONYMOUS_BURST, ANONYMOUS_BURST + 2)).containsOnly(429);
    }

    @Test
    void wrongKeysAreChargedToTheAddress() {
        Api guessing = new Api(fixture.baseUrl(), "ap_guess_" + "x".repeat(40));
        List<Integer> statuses = IntStream.range(0, ANONYMOUS_BURST + 1).mapToObj(i -> guessing.send("GET",
                "/v1/connections", null, null, Map.of("X-Forwarded-For", "198.51.100.4")).status()).toList();

        assertThat(statuses.subList(0, ANONYMOUS_BURST)).containsOnly(401);
        assertThat(statuses.get(ANONYMOUS_BURST)).isEqualTo(429);
    }

    @Test
    void aTenantPastItsBurstIsLimitedFromEveryAddressWhileAnotherTenantIsNot() {
        TestTenant busy = fixture.createTenant("busy");
        TestTenant quiet = fixture.createTenant("quiet");
        List<Integer> statuses = IntStream.range(0, TENANT_BURST + 1).mapToObj(i -> fixture.api(busy).send("GET",
                "/v1/connections", null, null, Map.of("X-Forwarded-For", "203.0.113." + i)).status()).toList();

        assertThat(statuses.subList(0, TENANT_BURST)).containsOnly(200);
        assertThat(statuses.get(TENANT_BURST)).isEqualTo(429);
        assertThat(fixture.api(quiet).get("/v1/connections").status()).isEqualTo(200);
        assertThat(anonymous("/health", "203.0.113.200").status()).as("the tenant's budget is not the address's")
                .isEqualTo(200);
    }

    @Test
    void theClientsOwnForwardedForEntriesDoNotBuyItAFreshBudget() {
        List<Integer> statuses = IntStream.range(0, ANONYMOUS_BURST + 1).mapToObj(i -> anonymous("/health",
                "192.0.2." + i + ", 198.51.100.5").status()).toList();

        assertThat(statuses.get(ANONYMOUS_BURST)).isEqualTo(429);
    }

    @Test
    void peersAndTheOperatorAreNotCharged() {
        Api peer = new Api(fixture.baseUrl(), null);
        List<Integer> statuses = IntStream.range(0, ANONYMOUS_BURST * 3).mapToObj(i -> peer.send("GET", "/health",
                null, null, Map.of("X-Forwarded-For", "198.51.100.6",
                        PeerAuth.HEADER, BrokerFixture.PEER_SECRET)).status()).toList();
        List<Integer> admin = IntStream.range(0, ANONYMOUS_BURST * 3).mapToObj(i -> fixture.admin().send("GET",
                "/admin/v1/tenants/none/key-rotation", null, null, Map.of("X-Forwarded-For", "198.51.100.6"))
                .status()).toList();

        assertThat(statuses).containsOnly(200);
        assertThat(admin).containsOnly(404);
    }

    private static Api.Reply anonymous(String path, String forwardedFor) {
        return new Api(fixture.baseUrl(), null).send("GET", path, null, null,
                Map.of("X-Forwarded-For", forwardedFor));
    }
}
