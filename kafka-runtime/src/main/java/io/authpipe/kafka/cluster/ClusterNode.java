package io.authpipe.kafka.cluster;

import io.authpipe.kafka.internal.LogDirFormatter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One KRaft node (broker and controller) of the production shape's three-node cluster, as a process of its own,
 * built from Apache Kafka's own classes like {@link io.authpipe.kafka.EmbeddedKafka}. Configured from the
 * environment ({@link ClusterNodeSettings#fromEnv}); the first start formats the data directory with the shared
 * cluster id, later ones reuse it. SIGTERM shuts the node down cleanly (leadership moves to the other nodes first).
 *
 * <p>A node does not wait for the others: the cluster serves once a majority of voters (2 of 3) is up.
 */
public final class ClusterNode {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private ClusterNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        ClusterNodeSettings settings = ClusterNodeSettings.fromEnv(System::getenv);
        long started = System.nanoTime();
        createDirectories(settings);
        LogDirFormatter.formatIfNeeded(settings.dataDir(), settings.toProperties(), settings.clusterId());
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(settings.toProperties(), false),
                Time.SYSTEM);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Kafka node {} stopping", settings.nodeId());
            server.shutdown();
            server.awaitShutdown();
            stopped.countDown();
        }, "cluster-node-shutdown"));
        server.startup();
        LOG.info("Kafka node {} started at 127.0.0.1:{} (controller {}, voters {}) in {} ms", settings.nodeId(),
                settings.port(), settings.controllerPort(), ClusterNodeSettings.votersText(settings.voters()),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        stopped.await();
    }

    private static void createDirectories(ClusterNodeSettings settings) {
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data dir " + settings.dataDir(), e);
        }
    }
}
