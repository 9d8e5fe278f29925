package io.authpipe.broker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.broker.BrokerApi;
import io.authpipe.broker.config.BrokerConfig;
import io.authpipe.core.config.EnvReader;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.ConnectReply;
import io.authpipe.events.ConnectRequest;
import io.authpipe.events.ConnectionDisconnected;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.ProviderRevocation;
import io.authpipe.events.Revocation;
import io.authpipe.events.RevocationReason;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.sandbox.mastodon.MastodonSandbox;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A real broker-api on a real Kafka broker, talking over loopback HTTP to a real Mastodon sandbox. Each fixture
 * has its own Streams application id, state directory and key file; {@link #restart} keeps them.
 */
public final class BrokerFixture implements AutoCloseable {
    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final String RETURN_TO = "https://app.example/connected";
    /** Every instance of a fixture holds this secret, so they accept each other's forwarded requests. */
    public static final String PEER_SECRET = "test-peer-secret-of-every-fixture-instance";

    private final EmbeddedKafka kafka;
    private final MastodonSandbox sandbox;
    private final Path dir;
    private final String applicationId;
    private final Map<String, String> extraEnv;
    private final Clock clock;
    private final Map<String, TestProducerKey> producerKeys = new java.util.concurrent.ConcurrentHashMap<>();
    private BrokerApi broker;
    private int port;

    private BrokerFixture(EmbeddedKafka kafka, MastodonSandbox sandbox, Path dir, Map<String, String> extraEnv,
                          Clock clock) {
        this.kafka = kafka;
        this.sandbox = sandbox;
        this.dir = dir;
        this.applicationId = "authpipe-test-" + UUID.randomUUID().toString().substring(0, 8);
        this.extraEnv = extraEnv;
        this.clock = clock;
    }

    public static BrokerFixture start(EmbeddedKafka kafka, Path dir) {
        return start(kafka, dir, SandboxConfig.defaults(), Map.of(), Clock.systemUTC());
    }

    public static BrokerFixture start(EmbeddedKafka kafka, Path dir, SandboxConfig sandboxConfig,
                                      Map<String, String> extraEnv, Clock clock) {
        BrokerFixture fixture = new BrokerFixture(kafka, MastodonSandbox.start(sandboxConfig), dir, extraEnv, clock);
        fixture.broker = BrokerApi.start(fixture.config(), clock);
        fixture.port = fixture.broker.httpPort();
        return fixture;
    }

    /**
     * A second broker-api instance of the same application (same Kafka Streams application id and key file, its own
     * instance id, state directory and port): partitions are shared between the two.
     */
    public BrokerApi startPeer(String instanceId) {
        return startPeer(instanceId, Map.of());
    }

    /** {@link #startPeer(String)} with more settings ({@code extraEnv} wins over the fixture's). */
    public BrokerApi startPeer(String instanceId, Map<String, String> extraEnv) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "AUTHPIPE_HTTP_PORT", "0",
                "AUTHPIPE_APPLICATION_ID", applicationId,
                "AUTHPIPE_INSTANCE_ID", instanceId,
                "AUTHPIPE_STATE_DIR", dir.resolve("state-" + instanceId).toString(),
                "AUTHPIPE_KEY_FILE", dir.resolve("master.key").toString(),
                "AUTHPIPE_INSTANCE_ALLOWLIST", sandboxAuthority(),
                "AUTHPIPE_ADMIN_TOKEN", ADMIN_TOKEN,
                "AUTHPIPE_PEER_SECRET", PEER_SECRET,
                "AUTHPIPE_TOPIC_PARTITIONS", "3"));
        env.putAll(extraEnv);
        return BrokerApi.start(BrokerConfig.defaults(kafka.bootstrapServers(), new EnvReader(env)), clock);
    }

    BrokerConfig config() {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "AUTHPIPE_HTTP_PORT", Integer.toString(port),
                "AUTHPIPE_APPLICATION_ID", applicationId,
                "AUTHPIPE_INSTANCE_ID", "test-1",
                "AUTHPIPE_STATE_DIR", dir.resolve("state").toString(),
                "AUTHPIPE_KEY_FILE", dir.resolve("master.key").toString(),
                "AUTHPIPE_INSTANCE_ALLOWLIST", String.join(",", sandboxAuthority(),
                        extraEnv.getOrDefault("AUTHPIPE_INSTANCE_ALLOWLIST", "")),
                "AUTHPIPE_ADMIN_TOKEN", ADMIN_TOKEN,
                "AUTHPIPE_PEER_SECRET", PEER_SECRET,
                "AUTHPIPE_TOPIC_PARTITIONS", "3"));
        extraEnv.forEach((k, v) -> env.putIfAbsent(k, v));
        return BrokerConfig.defaults(kafka.bootstrapServers(), new EnvReader(env));
    }

    /** Stops broker-api and starts it again with the same state, keys, identity and port. */
    public void restart() {
        broker.close();
        broker = BrokerApi.start(config(), clock);
    }

    /**
     * Stops broker-api, deletes its local state (as a new machine would have none) and starts it again with the same
     * keys, identity and port: its stores are restored from Kafka.
     */
    public void restartWithoutState() {
        broker.close();
        deleteRecursively(dir.resolve("state"));
        broker = BrokerApi.start(config(), clock);
    }

    private static void deleteRecursively(Path root) {
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(path);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public BrokerApi broker() {
        return broker;
    }

    /** The Kafka Streams application id (prefix of the internal changelog topics). */
    public String applicationId() {
        return applicationId;
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    public MastodonSandbox sandbox() {
        return sandbox;
    }

    public String baseUrl() {
        return broker.publicUrl().toString();
    }

    public String sandboxAuthority() {
        return URI.create(sandbox.baseUrl()).getAuthority();
    }

    public Api admin() {
        return new Api(baseUrl(), ADMIN_TOKEN);
    }

    public Api api(TestTenant tenant) {
        return new Api(baseUrl(), tenant.apiKey());
    }

    public TestTenant createTenant(String prefix) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply reply = admin().post("/admin/v1/tenants", Map.of("tenantId", id, "displayName", "Tenant " + id,
                "returnUrls", List.of(RETURN_TO)));
        if (reply.status() != 201) {
            throw new IllegalStateException("tenant creation failed: " + reply.status() + " " + reply.text());
        }
        return new TestTenant(id, reply.json().path("apiKey").asText(), RETURN_TO);
    }

    /** The tenant's producer signing key, issued on first use ({@code POST /v1/producer-keys}). */
    public TestProducerKey producerKey(TestTenant tenant) {
        return producerKeys.computeIfAbsent(tenant.id(), id -> issueProducerKey(tenant));
    }

    /** A new producer signing key of the tenant. */
    public TestProducerKey issueProducerKey(TestTenant tenant) {
        Api.Reply reply = api(tenant).post("/v1/producer-keys", Map.of());
        if (reply.status() != 201) {
            throw new IllegalStateException("producer key not issued: " + reply.status() + " " + reply.text());
        }
        return new TestProducerKey(reply.json().path("keyId").asText(), reply.json().path("key").asText());
    }

    /** Starts a connection of {@code userId} for {@code scopes} and returns the authorize URL. */
    public String startConnect(TestTenant tenant, String userId, List<String> scopes) {
        Api.Reply reply = api(tenant).post("/v1/connect", Map.of("provider", "mastodon", "userId", userId,
                "instance", sandbox.baseUrl(), "scopes", scopes, "returnTo", tenant.returnTo()));
        if (reply.status() != 200) {
            throw new IllegalStateException("connect failed: " + reply.status() + " " + reply.text());
        }
        return reply.json().path("authorizeUrl").asText();
    }

    /**
     * Asks for an authorize link the event-driven way: a {@code ConnectRequest} on {@code authpipe.connect-requests}
     * (with {@code challenge}, if any), and its {@code ConnectReply} from {@code authpipe.connect-replies}.
     */
    public ConnectReply requestConnect(TestTenant tenant, String userId, List<String> scopes,
                                       Optional<String> challenge) {
        AvroSerde<ConnectRequest> requests = AvroSerde.of(ConnectRequest.class, SchemaRegistry.none());
        AvroSerde<ConnectReply> replies = AvroSerde.of(ConnectReply.class, SchemaRegistry.none());
        String requestId = UUID.randomUUID().toString();
        ConnectRequest request = ConnectRequest.newBuilder()
                .setRequestId(requestId)
                .setConnection(new ConnectionRef(tenant.id(), "mastodon", userId))
                .setInstance(sandbox.baseUrl())
                .setScopes(scopes)
                .setReturnTo(tenant.returnTo())
                .setStateChallenge(challenge.orElse(null))
                .build();
        request = producerKey(tenant).sign(request, clock.instant());
        TopicProbe topics = new TopicProbe(kafkaBootstrap());
        topics.send(Topics.CONNECT_REQUESTS, ConnectionKey.of(tenant.id(), "mastodon", userId).asKafkaKey(),
                requests.serialize(Topics.CONNECT_REQUESTS, request));
        return replies.deserialize(Topics.CONNECT_REPLIES, topics.await(Topics.CONNECT_REPLIES,
                r -> replies.deserialize(Topics.CONNECT_REPLIES, r.value()).getRequestId().equals(requestId),
                Duration.ofSeconds(30)).value());
    }

    /** Runs the whole flow as {@code username}: connect, sign in, consent, callback. Returns the callback's answer. */
    public Api.Reply connect(TestTenant tenant, String userId, String username, String password) {
        String authorizeUrl = startConnect(tenant, userId, List.of("read", "write"));
        SandboxBrowser browser = new SandboxBrowser();
        URI callback = browser.approve(authorizeUrl, username, password);
        return Api.browse(callback.toString(), browser);
    }

    /** The connection as {@code GET /v1/connections} lists it for the tenant, or null. */
    public JsonNode listedConnection(TestTenant tenant, String userId) {
        for (JsonNode c : api(tenant).get("/v1/connections").json().path("connections")) {
            if (c.path("userId").asText().equals(userId)) {
                return c;
            }
        }
        return null;
    }

    /** The listed connection once it satisfies {@code condition}. */
    public JsonNode awaitListedConnection(TestTenant tenant, String userId, Predicate<JsonNode> condition,
                                          Duration within) {
        return Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(100))
                .until(() -> listedConnection(tenant, userId), c -> c != null && condition.test(c));
    }

    /**
     * Revokes the connection in the vault the way the provider's refusal leaves it (status {@code revoked}, reason
     * {@code revoked_at_provider}, token dropped, the connection kept), and returns once the listing shows it.
     */
    public void revokeInVault(TestTenant tenant, String userId) {
        long version = listedConnection(tenant, userId).path("version").asLong();
        ConnectionEvent event = ConnectionEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setConnection(new ConnectionRef(tenant.id(), "mastodon", userId))
                .setOccurredAt(clock.instant())
                .setBaseVersion(version)
                .setPayload(new ConnectionDisconnected(RevocationReason.REVOKED_AT_PROVIDER,
                        ProviderRevocation.NOT_ATTEMPTED))
                .build();
        new TopicProbe(kafkaBootstrap()).send(Topics.CONNECTION_EVENTS,
                ConnectionKey.of(tenant.id(), "mastodon", userId).asKafkaKey(),
                AvroSerde.of(ConnectionEvent.class, SchemaRegistry.none()).serialize(Topics.CONNECTION_EVENTS, event));
        awaitListedConnection(tenant, userId, c -> c.path("status").asText().equals("revoked"),
                Duration.ofSeconds(10));
    }

    /** Every revocation published for the tenant's Mastodon connection of {@code userId}, oldest first. */
    public List<Revocation> revocations(TestTenant tenant, String userId) {
        AvroSerde<Revocation> serde = AvroSerde.of(Revocation.class, SchemaRegistry.none());
        String key = tenant.id() + ":mastodon:" + userId;
        return new TopicProbe(kafkaBootstrap()).records(Topics.REVOCATIONS).stream()
                .filter(r -> key.equals(r.key()) && r.value() != null)
                .map(r -> serde.deserialize(Topics.REVOCATIONS, r.value())).toList();
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
        sandbox.close();
    }
}
