package io.authpipe.sdk.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.broker.BrokerApi;
import io.authpipe.broker.config.BrokerConfig;
import io.authpipe.broker.http.HttpApi;
import io.authpipe.core.config.EnvReader;
import io.authpipe.health.HealthSettings;
import io.authpipe.health.HealthWorker;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.refresh.RefreshSettings;
import io.authpipe.refresh.RefreshWorker;
import io.authpipe.sandbox.mastodon.MastodonSandbox;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import io.authpipe.sandbox.mastodon.SandboxUser;
import io.authpipe.sandbox.mastodon.TokenPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole embedded default for the SDKs' tests, started once per JVM ({@link SdkStackExtension}): an embedded KRaft
 * broker, the Mastodon sandbox (tokens live {@link #TOKEN_TTL}, refreshed 5-6 s before they expire), broker-api, the
 * refresh- and health-workers, two tenants ({@code main}, {@code other}) created over the admin API, and a
 * {@link TcpProxy} in front of broker-api that the SDKs talk to.
 *
 * <p>The parts are those {@code DevEnvironment} starts, assembled here rather than through it so that
 * {@link #restartBrokerApi()} restarts broker-api alone: the sandbox keeps its tokens in memory, and restarting it
 * with the rest would leave every stored token unknown to it.
 */
public final class SdkStack implements AutoCloseable {
    public static final Duration TOKEN_TTL = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(SdkStack.class);
    private static final String CREDENTIAL_ROUTE = "/v1/credentials/{provider}/{userId}";
    private static final Pattern COUNT_LINE = Pattern.compile(
            // the labels hold the route template, braces included: up to the line's last brace
            "^authpipe_http_requests_total\\{(.*)}\\s+([0-9.eE+]+)$", Pattern.MULTILINE);
    private static final int SANDBOX_USERS = 80;

    /** A tenant and its API key. */
    public record Tenant(String id, String apiKey) {
        @Override
        public String toString() {
            return "Tenant[" + id + "]";
        }
    }

    private final Path home;
    private final EmbeddedKafka kafka;
    private final MastodonSandbox sandbox;
    private final EnvReader env;
    private final String adminToken;
    private final StackHttp http = new StackHttp();
    private final List<AutoCloseable> workers = new ArrayList<>();
    private final Map<String, String> sandboxUserOf = new ConcurrentHashMap<>();
    private final AtomicInteger nextSandboxUser = new AtomicInteger();
    private volatile BrokerApi broker;
    private volatile long countBeforeRestarts;
    private TcpProxy proxy;
    private ControlServer control;
    private Tenant main;
    private Tenant other;

    private SdkStack(Path home, EmbeddedKafka kafka, MastodonSandbox sandbox, EnvReader env, String adminToken) {
        this.home = home;
        this.kafka = kafka;
        this.sandbox = sandbox;
        this.env = env;
        this.adminToken = adminToken;
    }

    public static SdkStack start() {
        long started = System.nanoTime();
        try {
            Path home = Files.createTempDirectory("authpipe-sdk-stack");
            EmbeddedKafka kafka = EmbeddedKafka.start(home.resolve("kafka"));
            MastodonSandbox sandbox = MastodonSandbox.start(SandboxConfig.defaults().withPort(freePort())
                    .withTokenPolicy(TokenPolicy.expiring(TOKEN_TTL, true)).withUsers(users()));
            String admin = "adm_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            SdkStack stack = new SdkStack(home, kafka, sandbox, env(home, sandbox, admin, freePort()), admin);
            stack.startServices();
            LOG.info("MEASURE stack started in {} ms", (System.nanoTime() - started) / 1_000_000);
            return stack;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EnvReader env(Path home, MastodonSandbox sandbox, String admin, int apiPort) {
        return new EnvReader(Map.ofEntries(
                Map.entry("AUTHPIPE_STATE_DIR", home.resolve("state").toString()),
                Map.entry("AUTHPIPE_KEY_FILE", home.resolve("master.key").toString()),
                Map.entry("AUTHPIPE_TOPIC_PARTITIONS", "3"),
                Map.entry("AUTHPIPE_TOPIC_REPLICATION", "1"),
                Map.entry("AUTHPIPE_HEALTH_INTERVAL", "1m"),
                // a connection is checked at most once per gap (10 s by default); the tests revoke connections made
                // moments before, and measure the push, not the gap
                Map.entry("AUTHPIPE_HEALTH_MIN_GAP", "1s"),
                Map.entry("AUTHPIPE_HTTP_PORT", Integer.toString(apiPort)),
                Map.entry("AUTHPIPE_ADMIN_TOKEN", admin),
                Map.entry("AUTHPIPE_INSTANCE_ALLOWLIST", URI.create(sandbox.baseUrl()).getAuthority()),
                // a 10 s token is refreshed 5-6 s before it expires; a 401 judges the grant until 1 s before that
                Map.entry("AUTHPIPE_REFRESH_LEAD", "5s"),
                Map.entry("AUTHPIPE_REFRESH_JITTER", "1s"),
                Map.entry("AUTHPIPE_EXPIRY_MARGIN", "1s"),
                // a stream whose client went away frees its slot at the next write: tests open many clients
                Map.entry("AUTHPIPE_EVENTS_HEARTBEAT", "2s")));
    }

    private void startServices() throws IOException {
        broker = BrokerApi.start(BrokerConfig.defaults(kafka.bootstrapServers(), env), Clock.systemUTC());
        workers.add(RefreshWorker.start(RefreshSettings.fromEnv(kafka.bootstrapServers(), env), Clock.systemUTC()));
        workers.add(HealthWorker.start(HealthSettings.fromEnv(kafka.bootstrapServers(), env), Clock.systemUTC()));
        proxy = TcpProxy.start(broker.httpPort());
        main = createTenant("main");
        other = createTenant("other");
        control = ControlServer.start(this);
    }

    private Tenant createTenant(String id) {
        StackHttp.Answer answer = http.post(apiUrl() + "/admin/v1/tenants", adminToken, Map.of("tenantId", id,
                "displayName", "SDK tests " + id, "returnUrls", List.of(apiUrl() + HttpApi.FINISHED_PATH)));
        require(answer, 200, 201);
        return new Tenant(id, answer.json().path("apiKey").asText());
    }

    /** broker-api itself (the harness's own calls). */
    public String apiUrl() {
        return "http://127.0.0.1:" + broker.httpPort();
    }

    /** The proxy in front of broker-api: where the SDKs under test connect. */
    public URI proxyUrl() {
        return URI.create("http://127.0.0.1:" + proxy.port());
    }

    /** The {@link ControlServer}, for the Node SDK's tests. */
    public URI controlUrl() {
        return control.url();
    }

    public TcpProxy proxy() {
        return proxy;
    }

    public Tenant main() {
        return main;
    }

    public Tenant other() {
        return other;
    }

    public Tenant tenant(String name) {
        return switch (name) {
            case "main" -> main;
            case "other" -> other;
            default -> throw new IllegalArgumentException("no tenant " + name + " (main or other)");
        };
    }

    /**
     * Connects {@code userId}'s Mastodon account through the real flow (connect, sign-in and approval at the sandbox,
     * callback), each user id with a sandbox account of its own. Returns the connection's version.
     */
    public long connect(Tenant tenant, String userId) {
        String username = sandboxUserOf.computeIfAbsent(tenant.id() + "/" + userId, k -> nextUser());
        JsonNode started = require(http.post(apiUrl() + "/v1/connect", tenant.apiKey(), Map.of(
                "provider", "mastodon", "userId", userId, "instance", sandbox.baseUrl(),
                "scopes", List.of("read", "write"), "returnTo", apiUrl() + HttpApi.FINISHED_PATH)), 200).json();
        SandboxBrowser browser = new SandboxBrowser();
        URI callback = browser.approve(started.path("authorizeUrl").asText(), username, username + "-password");
        StackHttp.Answer landed = http.browse(callback.toString(), browser.cookieHeader(callback.toString()));
        require(landed, 302);
        if (!http.get(landed.location(), null).json().path("status").asText().equals("connected")) {
            throw new IllegalStateException("connecting " + userId + " did not finish");
        }
        return version(tenant, userId);
    }

    /** The connection's version as {@code GET /v1/connections} lists it (not a getCredential request). */
    public long version(Tenant tenant, String userId) {
        for (JsonNode c : require(http.get(apiUrl() + "/v1/connections", tenant.apiKey()), 200).json()
                .path("connections")) {
            if (c.path("userId").asText().equals(userId)) {
                return c.path("version").asLong();
            }
        }
        throw new IllegalStateException("no connection " + userId + " in " + tenant);
    }

    /**
     * Revokes the user's tokens at the sandbox (as "Revoke" in Mastodon's settings) and reports the refusal, as a
     * service whose call was answered 401 would. Returns when the sandbox revoked them (epoch millis).
     */
    public long revoke(Tenant tenant, String userId) {
        String username = sandboxUserOf.get(tenant.id() + "/" + userId);
        if (username == null) {
            throw new IllegalArgumentException(userId + " was not connected by this stack");
        }
        sandbox.operator().revokeTokensOf(username);
        long revokedAt = System.currentTimeMillis();
        StackHttp.Answer check = http.post(apiUrl() + "/v1/connections/mastodon/" + userId + "/check",
                tenant.apiKey(), Map.of("reason", "token_refused", "reportedStatus", 401));
        require(check, 202, 410);
        return revokedAt;
    }

    /** Disconnects at once ({@code DELETE /v1/connections/mastodon/{userId}}): the connection is revoked. */
    public void disconnect(Tenant tenant, String userId) {
        require(http.delete(apiUrl() + "/v1/connections/mastodon/" + userId, tenant.apiKey()), 200);
    }

    /** The connection's status as {@code GET /v1/connections} lists it. */
    public String status(Tenant tenant, String userId) {
        for (JsonNode c : require(http.get(apiUrl() + "/v1/connections", tenant.apiKey()), 200).json()
                .path("connections")) {
            if (c.path("userId").asText().equals(userId)) {
                return c.path("status").asText();
            }
        }
        return "absent";
    }

    /** Every access and refresh token the sandbox ever issued to the stack's users: for scans. Never log them. */
    public List<String> everyTokenIssued() {
        return sandboxUserOf.values().stream().flatMap(u -> sandbox.operator().everyTokenOf(u).stream()).toList();
    }

    /** Whether the sandbox accepts {@code accessToken} ({@code verify_credentials} answers 200). */
    public boolean accepts(String accessToken) {
        return http.get(sandbox.baseUrl() + "/api/v1/accounts/verify_credentials", accessToken).status() == 200;
    }

    /** getCredential requests broker-api answered (any status), across restarts, from {@code /admin/metrics}. */
    public long serverGetCredentialCount() {
        return countBeforeRestarts + currentCount();
    }

    private long currentCount() {
        String text = require(http.get(apiUrl() + "/admin/metrics", adminToken), 200).body();
        long total = 0;
        Matcher line = COUNT_LINE.matcher(text);
        while (line.find()) {
            if (line.group(1).contains("route=\"" + CREDENTIAL_ROUTE + "\"")
                    && line.group(1).contains("method=\"GET\"")) {
                total += (long) Double.parseDouble(line.group(2));
            }
        }
        return total;
    }

    /** Stops broker-api and starts it again on the same port and state; returns how long that took. */
    public synchronized Duration restartBrokerApi() {
        long started = System.nanoTime();
        countBeforeRestarts += currentCount();
        BrokerConfig config = BrokerConfig.defaults(kafka.bootstrapServers(), env);
        broker.close();
        broker = BrokerApi.start(config, Clock.systemUTC());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("MEASURE broker-api restarted in {} ms", took.toMillis());
        return took;
    }

    private String nextUser() {
        int n = nextSandboxUser.getAndIncrement();
        if (n >= SANDBOX_USERS) {
            throw new IllegalStateException("the stack seeds " + SANDBOX_USERS + " sandbox users; all are taken");
        }
        return user(n).username();
    }

    private static List<SandboxUser> users() {
        return IntStream.range(0, SANDBOX_USERS).mapToObj(SdkStack::user).toList();
    }

    private static SandboxUser user(int n) {
        String name = String.format("sdkuser%02d", n);
        return new SandboxUser(name, name + "@sandbox.authpipe.test", name + "-password", "SDK user " + n, "en");
    }

    private static StackHttp.Answer require(StackHttp.Answer answer, int... expected) {
        for (int status : expected) {
            if (answer.status() == status) {
                return answer;
            }
        }
        throw new IllegalStateException("expected " + java.util.Arrays.toString(expected) + ", got "
                + answer.status() + ": " + answer.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String adminToken() {
        return adminToken;
    }

    @Override
    public void close() throws Exception {
        control.close();
        proxy.close();
        for (int i = workers.size() - 1; i >= 0; i--) {
            workers.get(i).close();
        }
        broker.close();
        sandbox.close();
        kafka.close();
        LOG.info("stack stopped home={}", home);
    }
}
