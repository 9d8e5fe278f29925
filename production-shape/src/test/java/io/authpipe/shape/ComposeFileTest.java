package io.authpipe.shape;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.authpipe.kafka.cluster.ClusterNodeSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and scripts/production-shape describe one shape: the script runs {@link ProductionShapeMain},
 * whose {@link ShapeLayout#standard} is compared here, service by service and setting by setting, with the compose
 * file. The only differences allowed are named: the compose file has a schema registry (the one-machine shape has
 * none: records carry their schema fingerprint), and the one-machine shape has the KMS emulator and the Mastodon
 * sandbox standing in for AWS KMS and the instances.
 */
class ComposeFileTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Set<String> ONLY_IN_COMPOSE = Set.of("schema-registry");
    static final Set<String> ONLY_ON_ONE_MACHINE = Set.of("kms-emulator", "mastodon-sandbox");
    /** Kafka settings the compose file must give every node, as the script's nodes have them. */
    static final List<String> KAFKA_SETTINGS = List.of("process.roles", "default.replication.factor",
            "min.insync.replicas", "offsets.topic.replication.factor", "transaction.state.log.replication.factor",
            "transaction.state.log.min.isr", "unclean.leader.election.enable", "auto.create.topics.enable");
    /** Service settings that must be equal in both. */
    static final List<String> SHARED_VALUES = List.of("AUTHPIPE_STANDBY_REPLICAS", "AUTHPIPE_KMS",
            "AUTHPIPE_KMS_TENANT_KEYS", "AWS_REGION");

    static JsonNode compose;
    static ShapeLayout script;

    @BeforeAll
    static void readBoth() throws IOException {
        compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        script = ShapeLayout.standard(Path.of("/tmp/unused"), ShapePorts.fixed(3, 2), "cluster", "admin", "peer",
                new SandboxSpec(Optional.empty(), true, 0, 0), Map.of());
    }

    @Test
    void theScriptRunsTheStandardLayout() throws IOException {
        String text = Files.readString(ROOT.resolve("scripts/production-shape"));
        assertThat(text).contains(ProductionShapeMain.class.getName());
        assertThat(script.brokers()).isEqualTo(3);
        assertThat(script.replication()).isEqualTo(3);
        assertThat(script.minInsyncReplicas()).isEqualTo(2);
        assertThat(script.instances()).isEqualTo(2);
        assertThat(script.standbyReplicas()).isEqualTo(1);
    }

    @Test
    void bothHaveTheSameServicesAndInstanceCounts() {
        Set<String> composeServices = new HashSet<>();
        compose.path("services").fieldNames().forEachRemaining(composeServices::add);
        Set<String> scriptServices = script.processes().stream().map(ProcessSpec::name).collect(Collectors.toSet());

        composeServices.removeAll(ONLY_IN_COMPOSE);
        scriptServices.removeAll(ONLY_ON_ONE_MACHINE);
        assertThat(composeServices).containsExactlyInAnyOrderElementsOf(scriptServices);
        assertThat(countByRole(composeRoles())).isEqualTo(countByRole(script.services().stream()
                .map(ProcessSpec::role).toList()));
    }

    @Test
    void everyKafkaNodeHasTheScriptsReplicationAndMinIsr() {
        List<ProcessSpec> nodes = script.kafkaNodes();
        Set<String> clusterIds = new HashSet<>();
        Set<String> nodeIds = new HashSet<>();
        for (ProcessSpec node : nodes) {
            Properties expected = ClusterNodeSettings.fromEnv(node.env()::get).toProperties();
            JsonNode env = compose.path("services").path(node.name()).path("environment");
            assertThat(env.isObject()).as(node.name() + " in docker-compose.yml").isTrue();
            for (String setting : KAFKA_SETTINGS) {
                assertThat(env.path(kafkaEnvName(setting)).asText()).as(node.name() + " " + setting)
                        .isEqualTo(expected.getProperty(setting));
            }
            assertThat(env.path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText().split(",")).hasSize(script.brokers());
            clusterIds.add(env.path("CLUSTER_ID").asText());
            nodeIds.add(env.path("KAFKA_NODE_ID").asText());
        }
        assertThat(clusterIds).as("one cluster id").hasSize(1);
        assertThat(nodeIds).hasSize(script.brokers());
    }

    @Test
    void everyServiceInstanceHasTheScriptsSettings() {
        for (ProcessSpec service : script.services()) {
            JsonNode env = compose.path("services").path(service.name()).path("environment");
            assertThat(env.isObject()).as(service.name() + " in docker-compose.yml").isTrue();
            assertThat(compose.path("services").path(service.name()).path("command").path(0).asText())
                    .as(service.name() + " main class").isEqualTo(service.mainClass());
            for (String name : SHARED_VALUES) {
                assertThat(env.path(name).asText()).as(service.name() + " " + name).isEqualTo(service.env().get(name));
            }
            assertThat(env.path("AUTHPIPE_INSTANCE_ID").asText()).isEqualTo(service.env().get("AUTHPIPE_INSTANCE_ID"));
            assertThat(env.path("KAFKA_BOOTSTRAP_SERVERS").asText().split(",")).hasSize(script.brokers());
            if (service.role().equals("broker-api")) {
                assertThat(env.path("AUTHPIPE_TOPIC_REPLICATION").asText())
                        .isEqualTo(service.env().get("AUTHPIPE_TOPIC_REPLICATION"));
                assertThat(env.path("AUTHPIPE_ADMIN_TOKEN").asText()).isNotBlank();
            }
        }
    }

    @Test
    void everyBrokerApiSharesOnePeerSecret() {
        List<String> composeSecrets = new ArrayList<>();
        List<String> scriptSecrets = new ArrayList<>();
        for (ProcessSpec service : script.services()) {
            if (service.role().equals("broker-api")) {
                composeSecrets.add(compose.path("services").path(service.name()).path("environment")
                        .path("AUTHPIPE_PEER_SECRET").asText());
                scriptSecrets.add(service.env().get("AUTHPIPE_PEER_SECRET"));
            }
        }
        assertThat(composeSecrets).hasSize(script.instances()).allMatch(s -> !s.isBlank());
        assertThat(new HashSet<>(composeSecrets)).hasSize(1);
        assertThat(new HashSet<>(scriptSecrets)).hasSize(1);
    }

    private static List<String> composeRoles() {
        List<String> roles = new ArrayList<>();
        compose.path("services").fields().forEachRemaining(e -> {
            String main = e.getValue().path("command").path(0).asText();
            script.services().stream().filter(s -> s.mainClass().equals(main)).findFirst()
                    .ifPresent(s -> roles.add(s.role()));
        });
        return roles;
    }

    private static Map<String, Long> countByRole(List<String> roles) {
        return roles.stream().collect(Collectors.groupingBy(r -> r, TreeMap::new, Collectors.counting()));
    }

    /** {@code min.insync.replicas} → {@code KAFKA_MIN_INSYNC_REPLICAS}, as the apache/kafka image reads it. */
    private static String kafkaEnvName(String setting) {
        return "KAFKA_" + setting.toUpperCase(Locale.ROOT).replace('.', '_');
    }
}
