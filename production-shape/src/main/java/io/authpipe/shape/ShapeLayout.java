package io.authpipe.shape;

import io.authpipe.broker.BrokerMain;
import io.authpipe.health.HealthWorker;
import io.authpipe.kafka.cluster.ClusterNode;
import io.authpipe.kms.emulator.KmsEmulatorMain;
import io.authpipe.refresh.RefreshWorker;
import io.authpipe.sandbox.mastodon.process.SandboxMain;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The production shape on one machine: {@code brokers} KRaft nodes (combined broker and controller) with every topic
 * at {@code replication} and {@code min.insync.replicas} {@code minInsyncReplicas}; the KMS emulator as AWS KMS (one
 * key per tenant); a Mastodon sandbox; and {@code instances} instances each of broker-api, refresh-worker and
 * health-worker with {@code standbyReplicas} standby replicas, every broker-api sharing one peer secret. All on
 * 127.0.0.1; every process's data under {@code home}.
 *
 * <p>docker-compose.yml describes the same shape; {@code ComposeFileTest} holds the two together.
 *
 * @param tuning extra environment for every service (timings a test shortens); the shape's own settings win
 */
public record ShapeLayout(Path home, ShapePorts ports, String clusterId, int brokers, int instances, int replication,
                          int minInsyncReplicas, int standbyReplicas, int partitions, String adminToken,
                          String peerSecret, SandboxSpec sandbox, Map<String, String> tuning) {

    public static final String KMS_REGION = "us-east-1";

    public ShapeLayout {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(peerSecret, "peerSecret");
        Objects.requireNonNull(sandbox, "sandbox");
        tuning = Map.copyOf(tuning);
        if (ports.kafka().size() != brokers || ports.api().size() != instances) {
            throw new IllegalArgumentException("ports for " + ports.kafka().size() + " brokers and "
                    + ports.api().size() + " instances, shape of " + brokers + " and " + instances);
        }
    }

    /** Three brokers, replication 3, min ISR 2, two instances of each service, one standby replica. */
    public static ShapeLayout standard(Path home, ShapePorts ports, String clusterId, String adminToken,
                                       String peerSecret, SandboxSpec sandbox, Map<String, String> tuning) {
        return new ShapeLayout(home, ports, clusterId, 3, 2, 3, 2, 1, 3, adminToken, peerSecret, sandbox, tuning);
    }

    public String bootstrapServers() {
        return ports.bootstrapServers();
    }

    public URI kmsEndpoint() {
        return URI.create("http://127.0.0.1:" + ports.kms());
    }

    public String sandboxUrl() {
        return "http://127.0.0.1:" + ports.sandbox();
    }

    public String apiUrl(int instance) {
        return "http://127.0.0.1:" + ports.api().get(instance - 1);
    }

    public Path logDir() {
        return home.resolve("logs");
    }

    /** The Kafka nodes. */
    public List<ProcessSpec> kafkaNodes() {
        Map<Integer, Integer> voters = new LinkedHashMap<>();
        for (int i = 1; i <= brokers; i++) {
            voters.put(i, ports.controllers().get(i - 1));
        }
        String votersText = voters.entrySet().stream().map(v -> v.getKey() + "@" + v.getValue())
                .collect(Collectors.joining(","));
        List<ProcessSpec> nodes = new ArrayList<>();
        for (int i = 1; i <= brokers; i++) {
            nodes.add(new ProcessSpec("kafka-" + i, "kafka", ClusterNode.class.getName(), Map.of(
                    "AUTHPIPE_KAFKA_NODE_ID", Integer.toString(i),
                    "AUTHPIPE_KAFKA_PORT", Integer.toString(ports.kafka().get(i - 1)),
                    "AUTHPIPE_KAFKA_VOTERS", votersText,
                    "AUTHPIPE_KAFKA_CLUSTER_ID", clusterId,
                    "AUTHPIPE_KAFKA_DATA_DIR", home.resolve("kafka-" + i).toString(),
                    "AUTHPIPE_KAFKA_REPLICATION", Integer.toString(replication),
                    "AUTHPIPE_KAFKA_MIN_ISR", Integer.toString(minInsyncReplicas)), "384m", Optional.empty()));
        }
        return nodes;
    }

    public ProcessSpec kmsEmulator() {
        return new ProcessSpec("kms-emulator", "kms-emulator", KmsEmulatorMain.class.getName(),
                Map.of("AUTHPIPE_KMS_EMULATOR_PORT", Integer.toString(ports.kms())), "96m", Optional.empty());
    }

    public ProcessSpec mastodonSandbox() {
        return new ProcessSpec("mastodon-sandbox", "mastodon-sandbox", SandboxMain.class.getName(),
                sandbox.env(ports.sandbox()), "192m", Optional.of(URI.create(sandboxUrl() + "/_sandbox/refreshes")));
    }

    public ProcessSpec brokerApi(int instance) {
        String name = "broker-api-" + instance;
        Map<String, String> env = serviceEnv(name);
        env.put("AUTHPIPE_HTTP_PORT", Integer.toString(ports.api().get(instance - 1)));
        env.put("AUTHPIPE_ADVERTISED_URL", apiUrl(instance));
        env.put("AUTHPIPE_ADMIN_TOKEN", adminToken);
        env.put("AUTHPIPE_PEER_SECRET", peerSecret);
        env.put("AUTHPIPE_TOPIC_REPLICATION", Integer.toString(replication));
        env.put("AUTHPIPE_TOPIC_PARTITIONS", Integer.toString(partitions));
        return new ProcessSpec(name, "broker-api", BrokerMain.class.getName(), env, "256m",
                Optional.of(URI.create(apiUrl(instance) + "/health")));
    }

    public ProcessSpec refreshWorker(int instance) {
        return worker("refresh-worker", RefreshWorker.class, "AUTHPIPE_REFRESH_METRICS_PORT",
                ports.refreshMetrics().get(instance - 1), instance);
    }

    public ProcessSpec healthWorker(int instance) {
        return worker("health-worker", HealthWorker.class, "AUTHPIPE_HEALTH_METRICS_PORT",
                ports.healthMetrics().get(instance - 1), instance);
    }

    /** A worker instance: ready once its metrics endpoint answers. */
    private ProcessSpec worker(String service, Class<?> main, String metricsPortSetting, int metricsPort,
                               int instance) {
        String name = service + "-" + instance;
        Map<String, String> env = serviceEnv(name);
        env.put(metricsPortSetting, Integer.toString(metricsPort));
        return new ProcessSpec(name, service, main.getName(), env, "192m",
                Optional.of(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")));
    }

    /** Every process, in start order. */
    public List<ProcessSpec> processes() {
        List<ProcessSpec> all = new ArrayList<>(kafkaNodes());
        all.add(kmsEmulator());
        all.add(mastodonSandbox());
        all.addAll(services());
        return all;
    }

    /** The services: broker-api instances first (they create the topics), then the workers. */
    public List<ProcessSpec> services() {
        List<ProcessSpec> services = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            services.add(brokerApi(i));
        }
        for (int i = 1; i <= instances; i++) {
            services.add(refreshWorker(i));
            services.add(healthWorker(i));
        }
        return services;
    }

    /** What every service shares: Kafka, the key service, standbys, the sandbox allowed, its own state dir. */
    private Map<String, String> serviceEnv(String name) {
        Map<String, String> env = new LinkedHashMap<>(tuning);
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        env.put("AUTHPIPE_INSTANCE_ID", name);
        env.put("AUTHPIPE_STATE_DIR", home.resolve("state").resolve(name).toString());
        env.put("AUTHPIPE_STANDBY_REPLICAS", Integer.toString(standbyReplicas));
        env.put("AUTHPIPE_KMS", "aws");
        env.put("AUTHPIPE_KMS_TENANT_KEYS", "per-tenant");
        env.put("AWS_ENDPOINT_URL_KMS", kmsEndpoint().toString());
        env.put("AWS_REGION", KMS_REGION);
        // the emulator accepts any access key; real AWS KMS takes the default credential chain instead
        env.put("AWS_ACCESS_KEY_ID", "emulator");
        env.put("AWS_SECRET_ACCESS_KEY", "emulator");
        env.put("AUTHPIPE_INSTANCE_ALLOWLIST", "127.0.0.1:" + ports.sandbox());
        return env;
    }
}
