package io.authpipe.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.core.ops.ServiceProcess;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./authpipe} as a process (the real {@link Main} in a child JVM) on one {@code AUTHPIPE_HOME}, in order: a
 * second start is refused while the first runs; a {@code kill -9} of the first restarts with the dev tenant's data
 * and key; SIGTERM stops the restarted one within its shutdown timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherProcessTest {
    private static final Logger LOG = LoggerFactory.getLogger(LauncherProcessTest.class);
    static final Duration START_BOUND = Duration.ofSeconds(180);
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

    Path tmp;
    Path home;
    ChildJvm running;

    @BeforeAll
    void startTheFirstLauncher(@TempDir Path tmp) {
        this.tmp = tmp;
        home = tmp.resolve("home");
        running = startReady("first");
    }

    @AfterAll
    void endTheLauncher() {
        if (running != null) {
            running.process().destroyForcibly();
        }
    }

    @Test
    @Order(1)
    void aSecondStartOnTheSameHomeIsRefusedNamingTheFirstAndTouchesNothing() throws Exception {
        // Given
        byte[] facts = Files.readAllBytes(home.resolve("dev.json"));

        // When
        ChildJvm second = ChildJvm.start(Main.class, env(), tmp, "second");

        // Then
        assertThat(second.process().waitFor(START_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(second.process().exitValue()).as(second.err()).isEqualTo(ServiceProcess.IN_USE_STATUS);
        assertThat(second.err()).contains("launcher not started: " + home
                + " is in use by another Authpipe process (pid " + running.pid() + ", launcher, started ");
        assertThat(second.out()).isEmpty();
        assertThat(Files.readAllBytes(home.resolve("dev.json"))).isEqualTo(facts);
        assertThat(LauncherHttp.status(facts().apiUrl() + "/health", null)).isEqualTo(200);
    }

    @Test
    @Order(2)
    void aKillNineRestartsCleanlyWithTheDevTenantsConnectionAndKey() throws Exception {
        // Given a connected account, and the process killed with -9
        DevFacts before = facts();
        connectAlice(before);
        running.process().destroyForcibly();
        assertThat(running.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(locksLeftBehind()).contains(home.resolve("authpipe.lock"), home.resolve("kafka/.lock"));

        // When
        running = startReady("restarted");

        // Then
        DevFacts after = facts();
        assertThat(after.apiKey()).isEqualTo(before.apiKey());
        assertThat(LauncherHttp.status(after.apiUrl() + "/health", null)).isEqualTo(200);
        assertThat(LauncherHttp.get(after.apiUrl() + "/v1/connections", after.apiKey()).toString()).contains("user-1");
        assertThat(LauncherHttp.get(after.apiUrl() + "/v1/credentials/mastodon/user-1", after.apiKey())
                .path("account").path("username").asText()).isEqualTo("alice");
    }

    @Test
    @Order(3)
    void sigtermStopsTheLauncherWithinItsShutdownTimeout() throws Exception {
        // When
        long begun = System.nanoTime();
        running.process().destroy();

        // Then: 143 is 128 + SIGTERM after the shutdown hook finished (a halt at the deadline exits with 1)
        assertThat(running.process().waitFor(SHUTDOWN_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)).isTrue();
        LOG.info("MEASURE SIGTERM to exit {} ms", Duration.ofNanos(System.nanoTime() - begun).toMillis());
        assertThat(running.process().exitValue()).isEqualTo(143);
        assertThat(Files.readString(home.resolve("logs/authpipe.log")))
                .contains("stopped kafka broker in").contains("stopped lock on " + home.toRealPath());
        running = null;
    }

    private ChildJvm startReady(String name) {
        long begun = System.nanoTime();
        ChildJvm child = ChildJvm.start(Main.class, env(), tmp, name);
        await().atMost(START_BOUND).pollInterval(Duration.ofMillis(200))
                .until(() -> child.out().contains("Authpipe is running") || !child.process().isAlive());
        assertThat(child.process().isAlive()).as(child.err()).isTrue();
        LOG.info("MEASURE {} launcher ready after {} ms", name, Duration.ofNanos(System.nanoTime() - begun).toMillis());
        return child;
    }

    private Map<String, String> env() {
        return Map.of("AUTHPIPE_HOME", home.toString(), "AUTHPIPE_HTTP_PORT", "0", "AUTHPIPE_SANDBOX_PORT", "0",
                "AUTHPIPE_SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT.toSeconds() + "s");
    }

    private DevFacts facts() {
        return DevFacts.read(home.resolve("dev.json")).orElseThrow();
    }

    private static void connectAlice(DevFacts facts) throws IOException {
        String authorizeUrl = LauncherHttp.post(facts, "/v1/connect", "{\"provider\":\"mastodon\",\"userId\":\"user-1\","
                + "\"instance\":\"" + facts.sandboxUrl() + "\",\"scopes\":[\"read\"],"
                + "\"returnTo\":\"" + facts.returnTo() + "\"}").path("authorizeUrl").asText();
        String callback = new SandboxBrowser().approve(authorizeUrl, "alice", "alice-password").toString();
        LauncherHttp.status(callback, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> LauncherHttp.status(
                facts.apiUrl() + "/v1/credentials/mastodon/user-1", facts.apiKey()) == 200);
    }

    private List<Path> locksLeftBehind() throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".lock")).toList();
        }
    }

    /** Plain HTTP calls on loopback. */
    static final class LauncherHttp {
        static int status(String url, String apiKey) throws IOException {
            try (Response response = DevEnvironmentTest.HTTP.newCall(request(url, apiKey).build()).execute()) {
                return response.code();
            }
        }

        static JsonNode get(String url, String apiKey) throws IOException {
            try (Response response = DevEnvironmentTest.HTTP.newCall(request(url, apiKey).build()).execute()) {
                assertThat(response.code()).isEqualTo(200);
                return DevEnvironmentTest.JSON.readTree(response.body().string());
            }
        }

        static JsonNode post(DevFacts facts, String path, String json) throws IOException {
            Request request = request(facts.apiUrl() + path, facts.apiKey())
                    .post(RequestBody.create(json, MediaType.get("application/json"))).build();
            try (Response response = DevEnvironmentTest.HTTP.newCall(request).execute()) {
                assertThat(response.code()).isEqualTo(200);
                return DevEnvironmentTest.JSON.readTree(response.body().string());
            }
        }

        private static Request.Builder request(String url, String apiKey) {
            Request.Builder request = new Request.Builder().url(url);
            return apiKey == null ? request : request.header("Authorization", "Bearer " + apiKey);
        }
    }
}
