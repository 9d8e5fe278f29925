package io.authpipe.kafka.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One node of a multi-node KRaft cluster on 127.0.0.1, in combined mode (broker and controller in one process):
 * the production shape's three voters, replication factor 3 and {@code min.insync.replicas} 2 for every topic,
 * Kafka's internal ones included.
 *
 * @param nodeId            this node's {@code node.id}, one of {@code voters}
 * @param port              the PLAINTEXT (client) listener
 * @param controllerPort    the CONTROLLER listener, as {@code voters} names it for this node
 * @param voters            every voter's node id and controller port ({@code controller.quorum.voters})
 * @param clusterId         the cluster id every node's log directory is formatted with
 * @param dataDir           {@code log.dirs}; also holds the metadata log
 * @param replicationFactor default and internal topics' replication factor
 * @param minInsyncReplicas {@code min.insync.replicas}, for every topic and the transaction log
 */
public record ClusterNodeSettings(int nodeId, int port, int controllerPort, Map<Integer, Integer> voters,
                                  String clusterId, Path dataDir, int replicationFactor, int minInsyncReplicas) {

    /** Partitions of {@code __consumer_offsets} and {@code __transaction_state} (default 50: costly on 2 cores). */
    static final String INTERNAL_TOPIC_PARTITIONS = "6";

    public ClusterNodeSettings {
        voters = Map.copyOf(voters);
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(dataDir, "dataDir");
        if (!controllerPortOf(voters, nodeId).equals(controllerPort)) {
            throw new IllegalArgumentException("node " + nodeId + " must be a voter on its controller port "
                    + controllerPort + ", voters are " + voters);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor || replicationFactor > voters.size()) {
            throw new IllegalArgumentException("need 1 <= min.insync.replicas (" + minInsyncReplicas
                    + ") <= replication (" + replicationFactor + ") <= nodes (" + voters.size() + ")");
        }
    }

    /**
     * Reads {@code AUTHPIPE_KAFKA_NODE_ID}, {@code AUTHPIPE_KAFKA_PORT}, {@code AUTHPIPE_KAFKA_VOTERS}
     * ({@code 1@9093,2@9095,3@9097}: node id and controller port on 127.0.0.1), {@code AUTHPIPE_KAFKA_CLUSTER_ID},
     * {@code AUTHPIPE_KAFKA_DATA_DIR}, {@code AUTHPIPE_KAFKA_REPLICATION} (default 3) and
     * {@code AUTHPIPE_KAFKA_MIN_ISR} (default 2).
     *
     * @throws IllegalArgumentException naming the variable that is missing or malformed
     */
    public static ClusterNodeSettings fromEnv(Function<String, String> env) {
        int nodeId = integer(env, "AUTHPIPE_KAFKA_NODE_ID", null);
        Map<Integer, Integer> voters = voters(required(env, "AUTHPIPE_KAFKA_VOTERS"));
        return new ClusterNodeSettings(nodeId, integer(env, "AUTHPIPE_KAFKA_PORT", null),
                controllerPortOf(voters, nodeId), voters, required(env, "AUTHPIPE_KAFKA_CLUSTER_ID"),
                Path.of(required(env, "AUTHPIPE_KAFKA_DATA_DIR")).toAbsolutePath(),
                integer(env, "AUTHPIPE_KAFKA_REPLICATION", 3), integer(env, "AUTHPIPE_KAFKA_MIN_ISR", 2));
    }

    /** {@code 1@9093,2@9095}: node id to controller port. */
    public static Map<Integer, Integer> voters(String text) {
        try {
            return List.of(text.split(",")).stream().map(String::strip).map(v -> v.split("@"))
                    .collect(Collectors.toMap(v -> Integer.parseInt(v[0]), v -> Integer.parseInt(v[1])));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("AUTHPIPE_KAFKA_VOTERS must look like 1@9093,2@9095,3@9097", e);
        }
    }

    /** The {@code controller.quorum.voters} text of {@code voters}. */
    public static String votersText(Map<Integer, Integer> voters) {
        return voters.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(v -> v.getKey() + "@127.0.0.1:" + v.getValue()).collect(Collectors.joining(","));
    }

    /** The node's {@code server.properties}. */
    public Properties toProperties() {
        Properties p = new Properties();
        String rf = Integer.toString(replicationFactor);
        String minIsr = Integer.toString(minInsyncReplicas);
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(nodeId));
        p.put("controller.quorum.voters", votersText(voters));
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", rf);
        p.put("min.insync.replicas", minIsr);
        p.put("offsets.topic.replication.factor", rf);
        p.put("offsets.topic.num.partitions", INTERNAL_TOPIC_PARTITIONS);
        p.put("transaction.state.log.replication.factor", rf);
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("transaction.state.log.num.partitions", INTERNAL_TOPIC_PARTITIONS);
        p.put("share.coordinator.state.topic.replication.factor", rf);
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        p.put("unclean.leader.election.enable", "false");
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        return p;
    }

    private static Integer controllerPortOf(Map<Integer, Integer> voters, int nodeId) {
        Integer port = voters.get(nodeId);
        if (port == null) {
            throw new IllegalArgumentException("node " + nodeId + " is not among the voters " + voters);
        }
        return port;
    }

    private static String required(Function<String, String> env, String name) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.strip();
    }

    private static int integer(Function<String, String> env, String name, Integer fallback) {
        String value = env.apply(name);
        if ((value == null || value.isBlank()) && fallback != null) {
            return fallback;
        }
        try {
            return Integer.parseInt(required(env, name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }
}
