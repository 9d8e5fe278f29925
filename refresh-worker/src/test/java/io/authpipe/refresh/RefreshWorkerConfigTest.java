package io.authpipe.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.core.config.ConfigException;
import io.authpipe.core.config.EnvReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefreshWorkerConfigTest {

    @Test
    void theDueLimitPerTickDefaultsToTenThousand() {
        assertThat(RefreshWorker.Config.fromEnv("k:9092", new EnvReader(Map.of())).maxDuePerTick()).isEqualTo(10_000);
    }

    @Test
    void theDueLimitPerTickIsReadFromTheEnvironment() {
        EnvReader env = new EnvReader(Map.of("AUTHPIPE_REFRESH_MAX_DUE_PER_TICK", "250"));

        assertThat(RefreshWorker.Config.fromEnv("k:9092", env).maxDuePerTick()).isEqualTo(250);
    }

    @Test
    void aDueLimitBelowOneIsRejected() {
        EnvReader env = new EnvReader(Map.of("AUTHPIPE_REFRESH_MAX_DUE_PER_TICK", "0"));

        assertThatThrownBy(() -> RefreshWorker.Config.fromEnv("k:9092", env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("AUTHPIPE_REFRESH_MAX_DUE_PER_TICK");
    }
}
