package io.authpipe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StandbyReplicasSettingTest {
    private final StreamsSettings alone = StreamsSettings.singleThread("authpipe-vault", "node-a",
            Path.of("/var/lib/authpipe"), Optional.empty(), "authpipe.dead-letters");

    @Test
    void anInstanceAloneKeepsNoStandby() {
        assertThat(alone.toProperties(KafkaConnection.of("127.0.0.1:9092")))
                .containsEntry("num.standby.replicas", 0);
    }

    @Test
    void theProductionShapeKeepsAWarmCopyOfEveryStoreOnAnotherInstance() {
        assertThat(alone.withStandbyReplicas(1).toProperties(KafkaConnection.of("127.0.0.1:9092")))
                .containsEntry("num.standby.replicas", 1)
                .containsEntry("processing.guarantee", "exactly_once_v2");
    }

    @Test
    void aNegativeCountIsRefused() {
        assertThatThrownBy(() -> alone.withStandbyReplicas(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("standbyReplicas");
    }
}
