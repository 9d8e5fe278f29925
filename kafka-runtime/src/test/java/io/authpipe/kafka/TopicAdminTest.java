package io.authpipe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.kafka.testing.KafkaBrokerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class TopicAdminTest {
    private Map<String, Object> adminConfig;
    private Admin admin;

    @BeforeEach
    void connect(EmbeddedKafka kafka) {
        adminConfig = KafkaConnection.of(kafka.bootstrapServers()).adminConfig();
        admin = Admin.create(adminConfig);
    }

    @AfterEach
    void disconnect() {
        admin.close();
    }

    @Test
    void createsCompactedAndDeletedTopicsAsSpecified() throws Exception {
        // When
        TopicAdmin.ensureTopics(adminConfig, List.of(
                TopicSpec.compacted("admin.credentials", 3),
                TopicSpec.deleted("admin.timers", 2, Duration.ofDays(7))), TestClients.TIMEOUT);

        // Then
        assertThat(partitions("admin.credentials")).isEqualTo(3);
        assertThat(partitions("admin.timers")).isEqualTo(2);
        assertThat(config("admin.credentials").get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(config("admin.timers").get("cleanup.policy").value()).isEqualTo("delete");
        assertThat(config("admin.timers").get("retention.ms").value()).isEqualTo("604800000");
    }

    @Test
    void isIdempotentAndAcceptsMorePartitionsThanRequired() throws Exception {
        // Given
        List<TopicSpec> specs = List.of(TopicSpec.compacted("admin.idempotent", 4));
        TopicAdmin.ensureTopics(adminConfig, specs, TestClients.TIMEOUT);

        // When
        TopicAdmin.ensureTopics(adminConfig, specs, TestClients.TIMEOUT);
        TopicAdmin.ensureTopics(adminConfig, List.of(TopicSpec.compacted("admin.idempotent", 2)), TestClients.TIMEOUT);

        // Then
        assertThat(partitions("admin.idempotent")).isEqualTo(4);
    }

    @Test
    void refusesAnExistingTopicWithTooFewPartitions() {
        // Given
        TopicAdmin.ensureTopics(adminConfig, List.of(TopicSpec.compacted("admin.small", 1)), TestClients.TIMEOUT);

        // When / Then
        assertThatThrownBy(() -> TopicAdmin.ensureTopics(adminConfig,
                List.of(TopicSpec.compacted("admin.small", 3)), TestClients.TIMEOUT))
                .isInstanceOf(KafkaRuntimeException.class)
                .hasMessageContaining("admin.small has 1 partitions, at least 3");
    }

    private int partitions(String topic) throws Exception {
        Map<String, TopicDescription> described = admin.describeTopics(List.of(topic)).allTopicNames().get();
        return described.get(topic).partitions().size();
    }

    private Config config(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }
}
