package io.authpipe.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.core.ops.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
        ChildJvm second = Launchers.start(env(), tmp, "second");

        // Then
        assertThat(second.process().waitFor(Launchers.START_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(second.process().exitValue()).as(second.err()).isEqualTo(ServiceProcess.IN_USE_STATUS);
        assertThat(second.err()).contains("launcher not started: " + home
                + " is in use by another Authpipe process (pid " + running.pid() + ", launcher, started ");
        assertThat(second.out()).isEmpty();
        assertThat(Files.readAllBytes(home.resolve("dev.json"))).isEqualTo(facts);
        assertThat(Launchers.status(facts().apiUrl() + "/health", null)).isEqualTo(200);
    }

    @Test
    @Order(2)
    void aKillNineRestartsCleanlyWithTheDevTenantsConnectionAndKey() throws Exception {
        // Given a connected account, and the process killed with -9, which leaves every lock file behind
        DevFacts before = facts();
        Launchers.connectAlice(before);
        long orphanedRegistry = Long.parseLong(Files.readString(home.resolve("registry/registry.pid")).strip());
        running.process().destroyForcibly();
        assertThat(running.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(locksLeftBehind()).contains(home.resolve("authpipe.lock"), home.resolve("kafka/.lock"),
                home.resolve("state/vault/authpipe-broker-api/.lock"));

        // When
        running = startReady("restarted");

        // Then
        DevFacts after = facts();
        assertThat(after.apiKey()).isEqualTo(before.apiKey());
        assertThat(Launchers.status(after.apiUrl() + "/health", null)).isEqualTo(200);
        assertThat(Launchers.get(after.apiUrl() + "/v1/connections", after.apiKey()).toString()).contains("user-1");
        assertThat(Launchers.get(after.apiUrl() + "/v1/credentials/mastodon/user-1", after.apiKey())
                .path("account").path("username").asText()).isEqualTo("alice");
        // the schema registry the killed launcher left running was stopped, and a new one serves the same schemas
        assertThat(ProcessHandle.of(orphanedRegistry).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(after.schemaRegistryUrl()).isNotNull();
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
        ChildJvm child = Launchers.startReady(env(), tmp, name);
        LOG.info("MEASURE {} launcher ready after {} ms", name, Duration.ofNanos(System.nanoTime() - begun).toMillis());
        return child;
    }

    private java.util.Map<String, String> env() {
        return Launchers.env(home, SHUTDOWN_TIMEOUT);
    }

    private DevFacts facts() {
        return DevFacts.read(home.resolve("dev.json")).orElseThrow();
    }

    private List<Path> locksLeftBehind() throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".lock")).toList();
        }
    }
}
