package io.authpipe.health.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.core.config.EnvReader;
import io.authpipe.events.Revocation;
import io.authpipe.health.HealthSettings;
import io.authpipe.health.HealthWorker;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.refresh.RefreshSettings;
import io.authpipe.refresh.RefreshWorker;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import io.authpipe.sandbox.mastodon.SandboxOperator;
import io.authpipe.sandbox.mastodon.TokenPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * broker-api, a refresh-worker and a health-worker on a real broker, against a sandbox issuing 6-second tokens with
 * refresh tokens (Pleroma-like; rotating and reuse-detecting if asked): the two workers side by side, as in
 * production. Refreshes are due 2-3 s before expiry (lead 3 s, jitter 1 s); checks every second; the expiry margin is
 * 500 ms everywhere, so a check can judge a token only during its first 1.5-2.5 seconds.
 */
public final class ExpiringTokensPipeline implements AutoCloseable {
    public static final Duration TOKEN_TTL = Duration.ofSeconds(6);
    static final String EXPIRY_MARGIN = "500ms";

    private final BrokerFixture broker;
    private final Path dir;
    private final String refreshApplicationId = "refresh-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final String healthApplicationId = "health-test-" + UUID.randomUUID().toString().substring(0, 8);
    private RefreshWorker refreshWorker;
    private HealthWorker healthWorker;

    private ExpiringTokensPipeline(BrokerFixture broker, Path dir) {
        this.broker = broker;
        this.dir = dir;
    }

    public static ExpiringTokensPipeline start(EmbeddedKafka kafka, Path dir, boolean rotateRefreshTokens) {
        ExpiringTokensPipeline pipeline = startWithoutRefreshWorker(kafka, dir, rotateRefreshTokens);
        pipeline.startRefreshWorker();
        return pipeline;
    }

    /** Without a refresh-worker in this JVM: the test runs one itself ({@link #refreshWorkerEnv()}). */
    public static ExpiringTokensPipeline startWithoutRefreshWorker(EmbeddedKafka kafka, Path dir,
                                                                   boolean rotateRefreshTokens) {
        BrokerFixture broker = BrokerFixture.start(kafka, dir, SandboxConfig.defaults()
                        .withTokenPolicy(TokenPolicy.expiring(TOKEN_TTL, rotateRefreshTokens)),
                Map.of("AUTHPIPE_REFRESH_LEAD", "3s", "AUTHPIPE_REFRESH_JITTER", "1s",
                        "AUTHPIPE_EXPIRY_MARGIN", EXPIRY_MARGIN), Clock.systemUTC());
        ExpiringTokensPipeline pipeline = new ExpiringTokensPipeline(broker, dir);
        pipeline.startHealthWorker();
        return pipeline;
    }

    /** Starts the refresh-worker (again, after {@link #stopRefreshWorker}: same application, state and identity). */
    public void startRefreshWorker() {
        refreshWorker = RefreshWorker.start(RefreshSettings.fromEnv(broker.kafkaBootstrap(),
                new EnvReader(refreshWorkerEnv())), Clock.systemUTC());
    }

    /** The refresh-worker's environment (a test may run it as a process of its own). */
    public Map<String, String> refreshWorkerEnv() {
        return Map.ofEntries(
                Map.entry("AUTHPIPE_STATE_DIR", dir.resolve("refresh-worker-state").toString()),
                Map.entry("AUTHPIPE_KEY_FILE", dir.resolve("master.key").toString()),
                Map.entry("AUTHPIPE_INSTANCE_ALLOWLIST", broker.sandboxAuthority()),
                Map.entry("AUTHPIPE_REFRESH_APPLICATION_ID", refreshApplicationId),
                Map.entry("AUTHPIPE_REFRESH_SCAN_INTERVAL", "200ms"),
                Map.entry("AUTHPIPE_REFRESH_TIMEOUT", "2s"),
                Map.entry("AUTHPIPE_REFRESH_LEASE", "90s"),
                Map.entry("AUTHPIPE_REFRESH_BACKOFF_BASE", "500ms"),
                Map.entry("AUTHPIPE_REFRESH_BACKOFF_CAP", "2s"),
                Map.entry("AUTHPIPE_EXPIRY_MARGIN", EXPIRY_MARGIN));
    }

    /** Stops the refresh-worker the way a deployment does: running refreshes finish and publish first. */
    public void stopRefreshWorker() {
        refreshWorker.close();
        refreshWorker = null;
    }

    private void startHealthWorker() {
        Map<String, String> env = new HashMap<>(Map.of(
                "AUTHPIPE_STATE_DIR", dir.resolve("health-worker-state").toString(),
                "AUTHPIPE_KEY_FILE", dir.resolve("master.key").toString(),
                "AUTHPIPE_INSTANCE_ALLOWLIST", broker.sandboxAuthority(),
                "AUTHPIPE_HEALTH_APPLICATION_ID", healthApplicationId,
                "AUTHPIPE_HEALTH_SCAN_INTERVAL", "100ms",
                "AUTHPIPE_HEALTH_TIMEOUT", "2s",
                "AUTHPIPE_HEALTH_IN_FLIGHT_TIMEOUT", "30s",
                "AUTHPIPE_HEALTH_INTERVAL", "1s",
                "AUTHPIPE_HEALTH_RETRY_BASE", "500ms",
                "AUTHPIPE_HEALTH_MIN_GAP", "500ms"));
        env.put("AUTHPIPE_EXPIRY_MARGIN", EXPIRY_MARGIN);
        healthWorker = HealthWorker.start(HealthSettings.fromEnv(broker.kafkaBootstrap(), new EnvReader(env)),
                Clock.systemUTC());
    }

    public String kafkaBootstrap() {
        return broker.kafkaBootstrap();
    }

    public SandboxOperator sandbox() {
        return broker.sandbox().operator();
    }

    public TestTenant newTenant() {
        return broker.createTenant("expiring");
    }

    /** Connects {@code userId} as the sandbox user alice; returns the access token it got. */
    public String connect(TestTenant tenant, String userId) {
        Api.Reply callback = broker.connect(tenant, userId, "alice", "alice-password");
        if (callback.status() != 302 && callback.status() != 303) {
            throw new IllegalStateException("connect failed: " + callback.status() + " " + callback.text());
        }
        return credential(tenant, userId).json().path("credential").asText();
    }

    public Api.Reply credential(TestTenant tenant, String userId) {
        return broker.api(tenant).get("/v1/credentials/mastodon/" + userId);
    }

    /** What a consuming service does when the provider refused the token it was given: reports the 401. */
    public Api.Reply reportRefused(TestTenant tenant, String userId) {
        return broker.api(tenant).post("/v1/connections/mastodon/" + userId + "/check", Map.of("reportedStatus", 401));
    }

    /** How many refresh requests will still meet the fault armed at the sandbox. */
    public int refreshFaultsRemaining() {
        return Api.browse(broker.sandbox().baseUrl() + "/_sandbox/refreshes").json().path("faults_remaining").asInt();
    }

    /** The connection as {@code GET /v1/connections} lists it, or null. */
    public JsonNode connection(TestTenant tenant, String userId) {
        return broker.listedConnection(tenant, userId);
    }

    /** The connection once it satisfies {@code condition}. */
    public JsonNode awaitConnection(TestTenant tenant, String userId, Predicate<JsonNode> condition, Duration within) {
        return broker.awaitListedConnection(tenant, userId, condition, within);
    }

    /** Every revocation published for this tenant's connection of {@code userId}. */
    public List<Revocation> revocations(TestTenant tenant, String userId) {
        return broker.revocations(tenant, userId);
    }

    /** How many checks the health-worker recorded with {@code outcome}. */
    public double checks(String outcome) {
        var counter = healthWorker.meters().find("authpipe.health.checks").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        if (healthWorker != null) {
            healthWorker.close();
        }
        if (refreshWorker != null) {
            refreshWorker.close();
        }
        broker.close();
    }
}
