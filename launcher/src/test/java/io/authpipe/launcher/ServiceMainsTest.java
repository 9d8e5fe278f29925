package io.authpipe.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.BrokerMain;
import io.authpipe.core.ops.DataDirLock;
import io.authpipe.core.ops.ServiceProcess;
import io.authpipe.health.HealthWorker;
import io.authpipe.refresh.RefreshWorker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each separate service refuses a state directory another process holds, before touching anything: no file appears
 * but the lock file (the log configuration may create an empty log directory).
 */
class ServiceMainsTest {

    static Stream<Arguments> services() {
        return Stream.of(
                Arguments.of(BrokerMain.class, "broker-api", "state"),
                Arguments.of(RefreshWorker.class, "refresh-worker", "state/refresh-worker"),
                Arguments.of(HealthWorker.class, "health-worker", "state/health-worker"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("services")
    void aServiceRefusesAStateDirectoryHeldByAnotherProcess(Class<?> main, String name, String lockedDir,
                                                           @TempDir Path tmp) throws Exception {
        // Given another process (this one) holds the service's state directory
        Path state = tmp.resolve("state");
        Path locked = tmp.resolve(lockedDir);
        try (DataDirLock held = ((DataDirLock.Acquired) DataDirLock.acquire(locked, "test", Clock.systemUTC()))
                .lock()) {

            // When
            ChildJvm child = ChildJvm.start(main, Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9",
                    "AUTHPIPE_STATE_DIR", state.toString(), "AUTHPIPE_HOME", tmp.resolve("home").toString(),
                    "AUTHPIPE_PEER_SECRET", "a-peer-secret-of-at-least-32-characters"), tmp, name);

            // Then
            assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.process().exitValue()).as(child.err()).isEqualTo(ServiceProcess.IN_USE_STATUS);
            assertThat(child.err()).contains(name + " not started: " + locked + " is in use by another Authpipe"
                    + " process (pid " + ProcessHandle.current().pid() + ", test, started ");
            assertThat(filesUnder(tmp).filter(f -> !f.getParent().equals(tmp)))
                    .containsExactly(locked.resolve("authpipe.lock"));
        }
    }

    private static Stream<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList().stream();
        }
    }
}
