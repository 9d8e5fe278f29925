package io.authpipe.kafka.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code server.properties} of a single-node KRaft broker+controller on 127.0.0.1 (see
 * {@code reference/KAFKA-HERE.md}): every internal topic at replication factor 1 and small enough for one node.
 */
public final class BrokerProperties {
    /** Partitions of {@code __consumer_offsets} and {@code __transaction_state}: one node needs no spread (default 50). */
    static final String INTERNAL_TOPIC_PARTITIONS = "5";

    private BrokerProperties() {
    }

    public static Properties create(Path logDir, int port, int controllerPort, Map<String, String> overrides) {
        Properties p = new Properties();
        p.putAll(roleAndListeners(port, controllerPort));
        p.putAll(singleNodeTopics());
        p.put("log.dirs", logDir.toString());
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The default 128 MiB on-heap dedupe buffer costs ~150 MB RSS; 2 MiB is plenty for embedded use.
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.putAll(overrides);
        return p;
    }

    private static Map<String, String> roleAndListeners(int port, int controllerPort) {
        return Map.of(
                "process.roles", "broker,controller",
                "node.id", "1",
                "controller.quorum.voters", "1@127.0.0.1:" + controllerPort,
                "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners", "PLAINTEXT://127.0.0.1:" + port,
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names", "CONTROLLER",
                "inter.broker.listener.name", "PLAINTEXT");
    }

    private static Map<String, String> singleNodeTopics() {
        return Map.of(
                "num.partitions", "1",
                "default.replication.factor", "1",
                "min.insync.replicas", "1",
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", INTERNAL_TOPIC_PARTITIONS,
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", INTERNAL_TOPIC_PARTITIONS,
                "share.coordinator.state.topic.replication.factor", "1",
                "share.coordinator.state.topic.min.isr", "1");
    }
}
