package io.authpipe.shape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The shape as the tests start it: free ports, short tokens and timings, the test's class path. */
final class ShapeFixture {
    private ShapeFixture() {
    }

    /**
     * Sandbox tokens live {@code tokenTtl} and are refreshed 12-13 s before expiry (a refresh-worker's partitions
     * wait out its 15 s session before another takes them, so tokens must outlive a crash); checks every second; refreshes
     * and checks give up on an instance after 2 s; the expiry margin is 500 ms.
     */
    static ShapeLayout layout(Path home, String tokenTtl, double flakiness, int extraUsers) {
        return ShapeLayout.standard(home, ShapePorts.free(3, 2), UUID.randomUUID().toString(),
                "test-admin-" + UUID.randomUUID(), "test-peer-" + UUID.randomUUID(),
                new SandboxSpec(Optional.of(tokenTtl), true, flakiness, extraUsers), Map.ofEntries(
                        Map.entry("AUTHPIPE_REFRESH_LEAD", "12s"),
                        Map.entry("AUTHPIPE_REFRESH_JITTER", "1s"),
                        Map.entry("AUTHPIPE_EXPIRY_MARGIN", "500ms"),
                        Map.entry("AUTHPIPE_REFRESH_SCAN_INTERVAL", "200ms"),
                        Map.entry("AUTHPIPE_REFRESH_TIMEOUT", "2s"),
                        Map.entry("AUTHPIPE_REFRESH_LEASE", "90s"),
                        Map.entry("AUTHPIPE_REFRESH_BACKOFF_BASE", "500ms"),
                        Map.entry("AUTHPIPE_REFRESH_BACKOFF_CAP", "2s"),
                        Map.entry("AUTHPIPE_HEALTH_INTERVAL", "1s"),
                        Map.entry("AUTHPIPE_HEALTH_SCAN_INTERVAL", "100ms"),
                        Map.entry("AUTHPIPE_HEALTH_TIMEOUT", "2s"),
                        Map.entry("AUTHPIPE_HEALTH_IN_FLIGHT_TIMEOUT", "30s"),
                        Map.entry("AUTHPIPE_HEALTH_RETRY_BASE", "500ms"),
                        Map.entry("AUTHPIPE_HEALTH_MIN_GAP", "500ms"),
                        Map.entry("AUTHPIPE_SHUTDOWN_TIMEOUT", "10s")));
    }

    /** {@code dir}, emptied (a run's logs stay in {@code target} until the next run, for a failure's reader). */
    static Path freshHome(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            return Files.createDirectories(dir).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Awaits {@code condition}; on timeout the failure says what {@code state} saw. */
    static void awaitOrExplain(Duration within, Callable<Boolean> condition, Supplier<String> state) {
        try {
            Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(200)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; " + state.get(), e);
        }
    }

    /** Surefire's test class path when run by Maven, this JVM's otherwise. */
    static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
