package io.authpipe.kafka;

import io.authpipe.kafka.internal.BrokerProperties;
import io.authpipe.kafka.internal.ClusterProbe;
import io.authpipe.kafka.internal.FreePort;
import io.authpipe.kafka.internal.LogDirFormatter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process single-node KRaft broker+controller built from Apache Kafka's own classes
 * ({@link KafkaRaftServer}), listening on 127.0.0.1 only.
 *
 * <p>The first start formats {@code dataDir} with a new cluster id ({@code kafka-storage format}); later starts on
 * the same directory reuse it and keep every topic and record. Ports are ephemeral unless given, so a restart may
 * move the broker: re-read {@link #bootstrapServers()}, or pass the old port to {@link #start(Path, int)}.
 *
 * <p>{@code start} returns once the broker answers metadata requests; {@link #close()} shuts it down cleanly and
 * waits. Instances are thread-safe. A fatal broker fault halts the JVM, as Kafka does in production.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final String bootstrapServers;
    private final String clusterId;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, Path dataDir, String bootstrapServers, String clusterId) {
        this.server = server;
        this.dataDir = dataDir;
        this.bootstrapServers = bootstrapServers;
        this.clusterId = clusterId;
    }

    /** Starts a broker on ephemeral ports with its log in {@code dataDir} (created and formatted if new). */
    public static EmbeddedKafka start(Path dataDir) {
        return start(dataDir, 0);
    }

    /** Starts a broker whose PLAINTEXT listener is {@code 127.0.0.1:port} ({@code 0} = ephemeral). */
    public static EmbeddedKafka start(Path dataDir, int port) {
        return start(dataDir, port, Map.of());
    }

    /**
     * Starts a broker with extra or overriding {@code server.properties} entries (for example
     * {@code log.retention.check.interval.ms}); the listener and role settings are best left alone.
     *
     * @throws KafkaRuntimeException if {@code port} is in use, or the broker does not start or serve within 60 s
     */
    public static EmbeddedKafka start(Path dataDir, int port, Map<String, String> brokerOverrides) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (port != 0 && !FreePort.isFree(port)) {
            throw new KafkaRuntimeException("cannot start Kafka: port " + port + " on 127.0.0.1 is in use");
        }
        Path dir = createDirectories(dataDir.toAbsolutePath().normalize());
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(dir, port, brokerOverrides);
            } catch (KafkaRuntimeException e) {
                if (attempt == START_ATTEMPTS || !isBindFailure(e)) {
                    throw e;
                }
                LOG.warn("Kafka port taken while starting (attempt {}), retrying", attempt, e);
            }
        }
    }

    private static EmbeddedKafka startOnce(Path dir, int port, Map<String, String> overrides) {
        long started = System.nanoTime();
        int brokerPort = port == 0 ? FreePort.pick() : port;
        Properties props = BrokerProperties.create(dir, brokerPort, FreePort.pick(), overrides);
        LogDirFormatter.formatIfNeeded(dir, props);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        String bootstrap = "127.0.0.1:" + brokerPort;
        try {
            server.startup();
            String clusterId = ClusterProbe.awaitReady(bootstrap, READY_TIMEOUT);
            LOG.info("Kafka broker ready at {} (cluster {}, data {}) in {} ms",
                    bootstrap, clusterId, dir, Duration.ofNanos(System.nanoTime() - started).toMillis());
            return new EmbeddedKafka(server, dir, bootstrap, clusterId);
        } catch (RuntimeException | TimeoutException e) {
            stopQuietly(server, e);
            throw new KafkaRuntimeException("Kafka broker on " + bootstrap + " (data " + dir + ") did not start", e);
        }
    }

    /** {@code "127.0.0.1:PORT"} of the PLAINTEXT listener. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The broker's {@code log.dirs} directory (absolute); it also holds the KRaft metadata log. */
    public Path dataDir() {
        return dataDir;
    }

    /** The cluster id stored in {@link #dataDir()}; the same across restarts on that directory. */
    public String clusterId() {
        return clusterId;
    }

    /** Shuts the broker down cleanly and waits for it; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker at {} stopped in {} ms",
                bootstrapServers, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers + ", " + dataDir + "]";
    }

    private static void stopQuietly(KafkaRaftServer server, Exception failure) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Whether a start failed because a port was taken (an ephemeral pick can race; retrying picks anew). */
    private static boolean isBindFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data dir " + dir, e);
        }
    }
}
