package io.authpipe.shape;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import io.authpipe.broker.kafka.PipelineTopics;
import io.authpipe.kafka.KafkaConnection;
import io.authpipe.kafka.TopicAdmin;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a {@link ShapeLayout} as separate processes and keeps their handles: the Kafka nodes together (the cluster
 * serves once all have registered), the KMS emulator and the sandbox; then it creates the topics and starts every
 * service instance at once. Returns once every process is ready. Each process can then be stopped, killed or
 * started again by name; {@link #close()} stops everything it started, services first, by their handles; a JVM
 * shutdown hook (Ctrl-C, a failed test run) does the same.
 */
public final class ProductionShape implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProductionShape.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ShapeLayout layout;
    private final String classPath;
    private final Map<String, ShapeProcess> processes = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Thread shutdownHook = new Thread(this::stopOnExit, "production-shape-cleanup");

    private ProductionShape(ShapeLayout layout, String classPath) {
        this.layout = layout;
        this.classPath = classPath;
    }

    /** Starts every process of {@code layout} with {@code classPath}; on any failure stops what it started. */
    public static ProductionShape start(ShapeLayout layout, String classPath) {
        ProductionShape shape = new ProductionShape(layout, classPath);
        Runtime.getRuntime().addShutdownHook(shape.shutdownHook);
        try {
            shape.startAll();
            return shape;
        } catch (RuntimeException | Error e) {
            shape.close();
            throw e;
        }
    }

    private void startAll() {
        long begun = System.nanoTime();
        layout.kafkaNodes().forEach(this::launch);
        launch(layout.kmsEmulator());
        launch(layout.mastodonSandbox());
        awaitBrokers(layout.brokers());
        awaitPort(layout.ports().kms(), "kms-emulator");
        awaitReady("mastodon-sandbox");
        LOG.info("Kafka cluster of {} and the KMS emulator ready in {} ms", layout.brokers(), since(begun));
        createTopics();
        layout.services().forEach(this::launch);
        layout.services().forEach(spec -> awaitReady(spec.name()));
        LOG.info("production shape ready in {} ms: {}", since(begun), processes.values());
    }

    /**
     * Creates the pipeline's topics (replication {@link ShapeLayout#replication()}) as broker-api would at its
     * start, so that every service can start at once (an init step, as a deployment would run it).
     */
    private void createTopics() {
        TopicAdmin.ensureTopics(KafkaConnection.of(layout.bootstrapServers()).adminConfig(),
                PipelineTopics.specs(layout.partitions(), (short) layout.replication()), READY_TIMEOUT);
    }

    public ShapeLayout layout() {
        return layout;
    }

    /** The running process called {@code name} ({@code kafka-2}, {@code refresh-worker-1}...). */
    public ShapeProcess process(String name) {
        ShapeProcess process = processes.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no process " + name + " in " + processes.keySet());
        }
        return process;
    }

    /** Every process started and not yet replaced, in start order. */
    public List<ShapeProcess> processes() {
        synchronized (processes) {
            return List.copyOf(processes.values());
        }
    }

    /** SIGKILL of one process. */
    public void kill(String name) {
        process(name).kill();
        LOG.info("killed {} with SIGKILL", name);
    }

    /** A clean stop (SIGTERM) of one process. */
    public void stop(String name) {
        process(name).stop();
        LOG.info("stopped {}", name);
    }

    /** Starts {@code name} again with the same spec (identity, state dir, ports) and waits until it is ready. */
    public void restart(String name) {
        ShapeProcess old = process(name);
        if (old.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch(old.spec());
        if (old.spec().role().equals("kafka")) {
            awaitBrokers(layout.brokers());
        } else {
            awaitReady(name);
        }
    }

    /** Waits until {@code name} answers its readiness URL (or, without one, accepts connections). */
    public void awaitReady(String name) {
        ShapeProcess process = process(name);
        process.spec().readyAt().ifPresentOrElse(
                url -> await(process, () -> answers200(url)),
                () -> awaitPort(layout.ports().kms(), name));
    }

    /** Waits until {@code count} brokers are registered with the cluster. */
    public void awaitBrokers(int count) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, layout.bootstrapServers(),
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 100))) {
            await(process("kafka-1"), () -> liveBrokers(admin) >= count);
        }
    }

    private static int liveBrokers(Admin admin) {
        try {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes()
                    .get(3, TimeUnit.SECONDS).size();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitPort(int port, String name) {
        await(process(name), () -> {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return socket.isConnected();
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Polls {@code ready} until true; fails at once, with the log's tail, if {@code process} has ended. */
    private static void await(ShapeProcess process, BooleanSupplier ready) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " ended while starting; its log ends:\n"
                        + process.logTail(30));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(process.name() + " not ready within " + READY_TIMEOUT
                        + "; its log ends:\n" + process.logTail(30));
            }
            pause();
        }
    }

    private static boolean answers200(URI url) {
        try {
            HttpResponse<Void> reply = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return reply.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void launch(ProcessSpec spec) {
        ShapeProcess process = ShapeProcess.start(spec, classPath, layout.logDir());
        processes.put(spec.name(), process);
        LOG.info("started {} (pid {})", spec.name(), process.pid());
    }

    /**
     * Stops everything this shape started, by handle: the services (SIGTERM, together), then the sandbox and the
     * KMS emulator, then the Kafka nodes; anything still alive after its grace period is killed.
     */
    @Override
    public void close() {
        List<ShapeProcess> all = processes();
        List<ShapeProcess> services = new ArrayList<>();
        List<ShapeProcess> infrastructure = new ArrayList<>();
        List<ShapeProcess> kafka = new ArrayList<>();
        for (ShapeProcess p : all) {
            switch (p.spec().role()) {
                case "kafka" -> kafka.add(p);
                case "kms-emulator", "mastodon-sandbox" -> infrastructure.add(p);
                default -> services.add(p);
            }
        }
        stopTogether(services);
        stopTogether(infrastructure);
        stopTogether(kafka);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running or has run
        }
    }

    private static void stopTogether(List<ShapeProcess> group) {
        group.forEach(ShapeProcess::requestStop);
        for (ShapeProcess p : group) {
            if (!p.awaitExit(Duration.ofSeconds(30))) {
                p.kill();
            }
        }
    }

    /** SIGKILL of every process at once (a test's cleanup: nothing needs a clean stop), waiting until all are gone. */
    public void killAll() {
        List<ShapeProcess> all = processes();
        all.forEach(ShapeProcess::requestKill);
        all.forEach(p -> p.awaitExit(Duration.ofSeconds(30)));
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
    }

    /** The shutdown hook: every process still alive gets SIGTERM, and SIGKILL if it lingers. */
    private void stopOnExit() {
        close();
    }

    private static long since(long begun) {
        return Duration.ofNanos(System.nanoTime() - begun).toMillis();
    }
}
