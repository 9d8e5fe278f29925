package io.authpipe.health.pipeline;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.core.config.EnvReader;
import io.authpipe.events.CheckReason;
import io.authpipe.events.CheckRequest;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.Revocation;
import io.authpipe.events.ScheduledCheck;
import io.authpipe.health.HealthSettings;
import io.authpipe.health.HealthWorker;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.KafkaConnection;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import io.authpipe.sandbox.mastodon.SandboxOperator;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The health half of the pipeline on a real broker: broker-api (vault, HTTP API), a health-worker and a Mastodon
 * sandbox over HTTP. The worker reads time from its own clock (a test may simulate hours) and scans every 100 ms.
 */
public final class HealthPipeline implements AutoCloseable {
    private final BrokerFixture broker;
    private final Path dir;
    private final Clock workerClock;
    private final Map<String, String> workerEnv;
    private final String workerApplicationId = "health-test-" + UUID.randomUUID().toString().substring(0, 8);
    private HealthWorker worker;

    private HealthPipeline(BrokerFixture broker, Path dir, Clock workerClock, Map<String, String> workerEnv) {
        this.broker = broker;
        this.dir = dir;
        this.workerClock = workerClock;
        this.workerEnv = workerEnv;
    }

    /**
     * Starts broker-api with {@code sandbox}, then a health-worker, both reading {@code workerClock} (broker-api signs
     * the check requests it writes, and the worker refuses one signed more than 5 minutes from its clock), the
     * worker configured with {@code workerEnv} on top of the test defaults.
     */
    public static HealthPipeline start(EmbeddedKafka kafka, Path dir, SandboxConfig sandbox, Clock workerClock,
                                       Map<String, String> workerEnv) {
        BrokerFixture broker = BrokerFixture.start(kafka, dir, sandbox, Map.of(), workerClock);
        HealthPipeline pipeline = new HealthPipeline(broker, dir, workerClock, workerEnv);
        pipeline.startWorker(dir.resolve("worker-state"));
        return pipeline;
    }

    /** Starts the health-worker (again, after {@link #stopWorker}: same application and identity) on {@code state}. */
    public void startWorker(Path state) {
        Map<String, String> env = new HashMap<>(Map.of(
                "AUTHPIPE_STATE_DIR", state.toString(),
                "AUTHPIPE_KEY_FILE", dir.resolve("master.key").toString(),
                "AUTHPIPE_INSTANCE_ALLOWLIST", broker.sandboxAuthority(),
                "AUTHPIPE_HEALTH_APPLICATION_ID", workerApplicationId,
                "AUTHPIPE_HEALTH_SCAN_INTERVAL", "100ms",
                "AUTHPIPE_HEALTH_TIMEOUT", "3s",
                "AUTHPIPE_HEALTH_IN_FLIGHT_TIMEOUT", "30s"));
        env.putAll(workerEnv);
        worker = HealthWorker.start(HealthSettings.fromEnv(broker.kafkaBootstrap(), new EnvReader(env)), workerClock);
    }

    /** Stops the health-worker the way a deployment does: running checks finish and publish first. */
    public void stopWorker() {
        worker.close();
        worker = null;
    }

    public HealthWorker worker() {
        return worker;
    }

    public BrokerFixture broker() {
        return broker;
    }

    public SandboxOperator sandbox() {
        return broker.sandbox().operator();
    }

    public TestTenant newTenant() {
        return broker.createTenant("health");
    }

    /** Connects {@code userId} as the sandbox user {@code username}; returns the access token it got. */
    public String connect(TestTenant tenant, String userId, String username) {
        Api.Reply callback = broker.connect(tenant, userId, username, username + "-password");
        if (callback.status() != 302 && callback.status() != 303) {
            throw new IllegalStateException("connect failed: " + callback.status() + " " + callback.text());
        }
        return broker.api(tenant).get("/v1/credentials/mastodon/" + userId).json().path("credential").asText();
    }

    /** The worker's schedule of the connection once it has one that satisfies {@code condition}. */
    public ScheduledCheck awaitScheduled(TestTenant tenant, String userId, Predicate<ScheduledCheck> condition) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> worker.scheduled(key(tenant, userId)).filter(condition).orElse(null),
                        check -> check != null);
    }

    /** The connection (as GET /v1/connections shows it) once it satisfies {@code condition}. */
    public JsonNode awaitConnection(TestTenant tenant, String userId, Predicate<JsonNode> condition, Duration within) {
        return broker.awaitListedConnection(tenant, userId, condition, within);
    }

    /** The connection as {@code GET /v1/connections} lists it, or null. */
    public JsonNode connection(TestTenant tenant, String userId) {
        return broker.listedConnection(tenant, userId);
    }

    /** Every revocation published for this tenant's connection of {@code userId}. */
    public List<Revocation> revocations(TestTenant tenant, String userId) {
        return broker.revocations(tenant, userId);
    }

    /** The revocations once there are {@code count}, and a second later, so a duplicate would show too. */
    public List<Revocation> awaitRevocations(TestTenant tenant, String userId, int count, Duration within) {
        await().atMost(within).until(() -> revocations(tenant, userId).size() >= count);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> revocations(tenant, userId).size() == count);
        return revocations(tenant, userId);
    }

    /** Writes a signed {@link CheckRequest} to {@code authpipe.check-requests}, as a consuming service would. */
    public void requestCheck(TestTenant tenant, String userId, CheckReason reason, Integer reportedStatus) {
        CheckRequest request = broker.producerKey(tenant).sign(CheckRequest.newBuilder()
                .setConnection(new ConnectionRef(tenant.id(), "mastodon", userId)).setRequestedAt(Instant.now())
                .setReason(reason).setReportedStatus(reportedStatus).build(), workerClock.instant());
        produce(Topics.CHECK_REQUESTS, key(tenant, userId),
                AvroSerde.of(CheckRequest.class, SchemaRegistry.none()).serialize(Topics.CHECK_REQUESTS, request));
    }

    /** Writes raw bytes to a topic. */
    public void produce(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaConnection.of(broker.kafkaBootstrap()).producerConfig("health-test"), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many checks the worker recorded with {@code outcome}. */
    public double checks(String outcome) {
        var counter = worker.meters().find("authpipe.health.checks").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    public static String key(TestTenant tenant, String userId) {
        return tenant.id() + ":mastodon:" + userId;
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
        broker.close();
    }
}
