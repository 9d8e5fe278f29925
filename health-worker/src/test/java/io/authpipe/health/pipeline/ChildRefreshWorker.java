package io.authpipe.health.pipeline;

import static org.awaitility.Awaitility.await;

import io.authpipe.refresh.RefreshWorker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A refresh-worker in a process of its own ({@link RefreshWorker#main}, the production entry point), started with
 * this JVM's class path and killed with SIGKILL: a crash at whatever moment the test chooses, with nothing flushed,
 * committed or handed over. Its output is appended to {@code log}; it logs through {@code log4j2-child.xml}.
 */
final class ChildRefreshWorker {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int metricsPort;

    private ChildRefreshWorker(Process process, int metricsPort) {
        this.process = process;
        this.metricsPort = metricsPort;
    }

    /** Starts one with {@code env} and waits until it serves its metrics (its stream is RUNNING by then). */
    static ChildRefreshWorker start(String kafkaBootstrap, Map<String, String> env, Path log) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-Dlog4j2.configurationFile=log4j2-child.xml",
                "-cp", classPath(), RefreshWorker.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> childEnv = new HashMap<>(env);
        childEnv.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        childEnv.put("AUTHPIPE_REFRESH_METRICS_PORT", String.valueOf(port));
        builder.environment().putAll(childEnv);
        try {
            ChildRefreshWorker worker = new ChildRefreshWorker(builder.start(), port);
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(worker::serving);
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a refresh-worker process", e);
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    /** A counter of the worker's metrics ({@code authpipe_refresh_results_total{outcome=...}}), 0 if not seen. */
    double results(String outcome) {
        String prefix = "authpipe_refresh_results_total{outcome=\"" + outcome + "\"";
        return scrape().lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private boolean serving() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the refresh-worker process exited with " + process.exitValue());
        }
        try {
            return !scrape().isEmpty();
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private String scrape() {
        try {
            HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return reply.statusCode() == 200 ? reply.body() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Surefire's test class path when run by Maven, this JVM's otherwise. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
