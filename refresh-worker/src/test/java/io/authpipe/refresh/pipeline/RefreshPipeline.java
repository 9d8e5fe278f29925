package io.authpipe.refresh.pipeline;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.core.config.EnvReader;
import io.authpipe.events.Revocation;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.refresh.RefreshSettings;
import io.authpipe.refresh.RefreshWorker;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import io.authpipe.sandbox.mastodon.SandboxOperator;
import io.authpipe.sandbox.mastodon.TokenPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The refresh half of the pipeline on a real broker: broker-api (vault, HTTP API), a refresh-worker and a Mastodon
 * sandbox issuing 10-second tokens, refreshed 4 seconds before expiry (1 s of jitter). The worker scans every 200 ms,
 * gives a request 3 s, backs off from 1 s, and trusts a probe's 401 until 200 ms before the token's expiry.
 */
public final class RefreshPipeline implements AutoCloseable {
    public static final Duration TOKEN_TTL = Duration.ofSeconds(10);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    private final BrokerFixture broker;
    private final Path dir;
    private final String workerApplicationId = "refresh-test-" + UUID.randomUUID().toString().substring(0, 8);
    private RefreshWorker worker;

    private RefreshPipeline(BrokerFixture broker, Path dir) {
        this.broker = broker;
        this.dir = dir;
    }

    public static RefreshPipeline start(EmbeddedKafka kafka, Path dir, boolean rotateRefreshTokens) {
        BrokerFixture broker = BrokerFixture.start(kafka, dir, SandboxConfig.defaults()
                        .withTokenPolicy(TokenPolicy.expiring(TOKEN_TTL, rotateRefreshTokens)),
                Map.of("AUTHPIPE_REFRESH_LEAD", "4s", "AUTHPIPE_REFRESH_JITTER", "1s"), Clock.systemUTC());
        RefreshPipeline pipeline = new RefreshPipeline(broker, dir);
        pipeline.startWorker();
        return pipeline;
    }

    /** Starts the refresh-worker (again, after {@link #stopWorker}: same application, state and identity). */
    public void startWorker() {
        worker = RefreshWorker.start(RefreshSettings.fromEnv(broker.kafkaBootstrap(), new EnvReader(Map.ofEntries(
                Map.entry("AUTHPIPE_STATE_DIR", dir.resolve("worker-state").toString()),
                Map.entry("AUTHPIPE_KEY_FILE", dir.resolve("master.key").toString()),
                Map.entry("AUTHPIPE_INSTANCE_ALLOWLIST", broker.sandboxAuthority()),
                Map.entry("AUTHPIPE_REFRESH_APPLICATION_ID", workerApplicationId),
                Map.entry("AUTHPIPE_REFRESH_SCAN_INTERVAL", "200ms"),
                Map.entry("AUTHPIPE_REFRESH_TIMEOUT", REQUEST_TIMEOUT.toMillis() + "ms"),
                Map.entry("AUTHPIPE_REFRESH_LEASE", "90s"),
                Map.entry("AUTHPIPE_REFRESH_BACKOFF_BASE", "1s"),
                Map.entry("AUTHPIPE_REFRESH_BACKOFF_CAP", "2s"),
                Map.entry("AUTHPIPE_EXPIRY_MARGIN", "200ms")))), Clock.systemUTC());
    }

    /** Stops the refresh-worker the way a deployment does: running refreshes finish and publish first. */
    public void stopWorker() {
        worker.close();
        worker = null;
    }

    public RefreshWorker worker() {
        return worker;
    }

    public SandboxOperator sandbox() {
        return broker.sandbox().operator();
    }

    public TestTenant newTenant() {
        return broker.createTenant("refresh");
    }

    /** Connects {@code userId} as the sandbox user alice; returns the first credential. */
    public JsonNode connect(TestTenant tenant, String userId) {
        Api.Reply callback = broker.connect(tenant, userId, "alice", "alice-password");
        if (callback.status() != 302 && callback.status() != 303) {
            throw new IllegalStateException("connect failed: " + callback.status() + " " + callback.text());
        }
        return credential(tenant, userId).json();
    }

    public Api.Reply credential(TestTenant tenant, String userId) {
        return broker.api(tenant).get("/v1/credentials/mastodon/" + userId);
    }

    public Api.Reply credential(TestTenant tenant, String userId, int waitSeconds) {
        return broker.api(tenant).get("/v1/credentials/mastodon/" + userId + "?wait=" + waitSeconds);
    }

    /** The credential once its version reaches {@code version}. */
    public JsonNode awaitVersion(TestTenant tenant, String userId, long version, Duration within) {
        return awaitConnection(tenant, userId, c -> c.path("version").asLong() >= version, within);
    }

    /** The connection (as GET /v1/connections shows it) once it satisfies {@code condition}. */
    public JsonNode awaitConnection(TestTenant tenant, String userId, java.util.function.Predicate<JsonNode> condition,
                                    Duration within) {
        return broker.awaitListedConnection(tenant, userId, condition, within);
    }

    /** The connection as {@code GET /v1/connections} lists it, or null. */
    public JsonNode connection(TestTenant tenant, String userId) {
        return broker.listedConnection(tenant, userId);
    }

    public Api.Reply disconnect(TestTenant tenant, String userId) {
        return broker.api(tenant).delete("/v1/connections/mastodon/" + userId);
    }

    /** Every revocation published for this tenant's connection of {@code userId}. */
    public List<Revocation> revocations(TestTenant tenant, String userId) {
        return broker.revocations(tenant, userId);
    }

    /**
     * The revocations of the connection once there is one (the API can show a state before the transaction that
     * published its revocation commits), and after a second more, so a duplicate would show too.
     */
    public List<Revocation> awaitRevocations(TestTenant tenant, String userId) {
        int seen = await().atMost(Duration.ofSeconds(15)).until(() -> revocations(tenant, userId).size(), n -> n > 0);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> revocations(tenant, userId).size() == seen);
        return revocations(tenant, userId);
    }

    /** How many times the worker recorded {@code outcome}. */
    public double results(String outcome) {
        var counter = worker.meters().find("authpipe.refresh.results").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
        broker.close();
    }
}
