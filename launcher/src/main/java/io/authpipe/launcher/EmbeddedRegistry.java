package io.authpipe.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry in a child process, so that stock Confluent-format clients (serializers, kafkajs'
 * schema-registry client) work against the embedded default. Its schemas live in an H2 file under
 * {@code <home>/registry}, so schema ids stay valid for the records already on the topics across restarts.
 *
 * <p>A child left running by a launcher killed with {@code kill -9} is recognised by its pid file and stopped
 * before a new one starts (it holds the port and the database file).
 */
final class EmbeddedRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRegistry.class);
    /** The Confluent-compatible API's base path. */
    static final String CCOMPAT_PATH = "/apis/ccompat/v7";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final Path pidFile;
    private final URI url;
    private final Path log;

    private EmbeddedRegistry(Process process, Path pidFile, URI url, Path log) {
        this.process = process;
        this.pidFile = pidFile;
        this.url = url;
        this.log = log;
    }

    /**
     * Starts Apicurio without waiting for it ({@link #awaitReady} does), so that it boots beside the broker.
     *
     * @param runtime where Apicurio and a JDK 21+ are
     * @param dataDir its folder ({@code <home>/registry}): database, log, pid file
     * @param port its HTTP port on loopback
     * @param managementPort the port of its management interface, on loopback
     */
    static EmbeddedRegistry launch(RegistryRuntime runtime, Path dataDir, int port, int managementPort) {
        try {
            Files.createDirectories(dataDir);
            Path pidFile = dataDir.resolve("registry.pid");
            stopLeftover(pidFile);
            Path log = dataDir.resolve("registry.log");
            Process process = new ProcessBuilder(List.of(runtime.java().toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                    // its management interface (health, metrics) is built in: keep it on loopback, on any free port
                    "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort,
                    "-Dapicurio.datasource.url=jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("schemas"),
                    "-Dapicurio.datasource.jdbc.initial-size=1", "-Dapicurio.datasource.jdbc.min-size=1",
                    "-Dapicurio.datasource.jdbc.max-size=8",
                    "-jar", runtime.runJar().toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.US_ASCII);
            return new EmbeddedRegistry(process, pidFile, URI.create("http://127.0.0.1:" + port + CCOMPAT_PATH),
                    log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the schema registry (Apicurio)", e);
        }
    }

    /**
     * Waits until the Confluent-compatible API answers.
     *
     * @throws IllegalStateException if the process exits or does not answer within {@code timeout}; the message
     *     names its log
     */
    EmbeddedRegistry awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the schema registry (Apicurio) exited with status "
                        + process.exitValue() + "; see " + log);
            }
            if (answers(http)) {
                return this;
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the schema registry", e);
            }
        }
        throw new IllegalStateException("the schema registry (Apicurio) did not answer within " + timeout
                + "; see " + log);
    }

    private boolean answers(HttpClient http) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/subjects"))
                    .timeout(Duration.ofSeconds(2)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The Confluent-compatible API's base URL, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}. */
    URI url() {
        return url;
    }

    /** Stops a registry a previous launcher on this data directory left running (it was killed, not stopped). */
    private static void stopLeftover(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> leftover = Optional.empty();
        try {
            leftover = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (NumberFormatException e) {
            // not a pid: nothing to stop
        }
        leftover.filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().commandLine().orElse("").contains("quarkus-run.jar"))
                .ifPresent(handle -> {
                    LOG.warn("stopping the schema registry a previous run left behind (pid {})", handle.pid());
                    stop(handle);
                });
        Files.deleteIfExists(pidFile);
    }

    private static void stop(ProcessHandle handle) {
        handle.destroy();
        try {
            handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop(process.toHandle());
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            LOG.warn("could not delete {}", pidFile);
        }
    }
}
