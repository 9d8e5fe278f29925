package io.authpipe.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A main built on {@link ServiceProcess}, in child JVMs: one per directory, no stale lock, a bounded SIGTERM. */
class ServiceProcessTest {
    static final Duration JVM_BOUND = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    ChildJvm first;

    @AfterEach
    void endChild() {
        if (first != null) {
            first.process().destroyForcibly();
        }
    }

    @Test
    void aSecondProcessOnTheSameDirectoryIsRefusedNamingTheFirst() throws InterruptedException {
        // Given
        first = startRunning(Map.of());

        // When
        ChildJvm second = ChildJvm.start(ExampleService.class, Map.of("EXAMPLE_DIR", tmp.resolve("data").toString()),
                tmp, "second");

        // Then
        assertThat(exitOf(second)).isEqualTo(ServiceProcess.IN_USE_STATUS);
        assertThat(second.err()).contains("example not started: " + tmp.resolve("data")
                        + " is in use by another Authpipe process (pid " + first.pid() + ", example, started ")
                .doesNotContain("running");
        assertThat(first.process().isAlive()).isTrue();
    }

    @Test
    void aKilledHolderLeavesNoLockBehind() throws InterruptedException {
        // Given
        first = startRunning(Map.of());

        // When
        first.process().destroyForcibly();
        assertThat(exitOf(first)).isEqualTo(137);

        // Then
        try (DataDirLock lock = DataDirLockTest.acquired(DataDirLock.acquire(tmp.resolve("data"), "test",
                Clock.systemUTC()))) {
            assertThat(lock.holder().pid()).contains(ProcessHandle.current().pid());
        }
    }

    @Test
    void sigtermStopsEveryPartAndReleasesTheLock() throws InterruptedException {
        // Given
        first = startRunning(Map.of());

        // When
        first.process().destroy();

        // Then: 128 + SIGTERM, the JVM's status after its shutdown hooks ran to the end
        assertThat(exitOf(first)).isEqualTo(143);
        DataDirLockTest.acquired(DataDirLock.acquire(tmp.resolve("data"), "test", Clock.systemUTC())).close();
    }

    @Test
    void aPartThatNeverStopsIsHaltedAtTheDeadlineAndNamed() throws InterruptedException, java.io.IOException {
        // Given
        first = startRunning(Map.of("EXAMPLE_STUCK", "true", "AUTHPIPE_SHUTDOWN_TIMEOUT", "1s"));

        // When
        first.process().destroy();

        // Then
        assertThat(exitOf(first)).isEqualTo(BoundedShutdown.HALT_STATUS);
        assertThat(first.err()).contains("shutdown did not finish within PT1S: still stopping [stuck part, quick part,"
                + " lock on " + tmp.resolve("data").toRealPath() + "]; halting the JVM (exit status 1)");
    }

    @Test
    void aShutdownTimeoutBelowOneSecondIsAConfigurationError() throws InterruptedException {
        ChildJvm child = ChildJvm.start(ExampleService.class, Map.of("EXAMPLE_DIR", tmp.resolve("data").toString(),
                "AUTHPIPE_SHUTDOWN_TIMEOUT", "10ms"), tmp, "bad");
        assertThat(exitOf(child)).isEqualTo(ServiceProcess.CONFIG_ERROR_STATUS);
        assertThat(child.err())
                .contains("configuration error: AUTHPIPE_SHUTDOWN_TIMEOUT must be at least 1s, was PT0.01S");
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    private ChildJvm startRunning(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("EXAMPLE_DIR", tmp.resolve("data").toString());
        ChildJvm child = ChildJvm.start(ExampleService.class, all, tmp, "first");
        await().atMost(JVM_BOUND).until(() -> child.err().contains("running") || !child.process().isAlive());
        assertThat(child.process().isAlive()).as(child.err()).isTrue();
        return child;
    }

    private static int exitOf(ChildJvm child) throws InterruptedException {
        assertThat(child.process().waitFor(JVM_BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                .as("exited within %s", JVM_BOUND).isTrue();
        return child.process().exitValue();
    }
}
