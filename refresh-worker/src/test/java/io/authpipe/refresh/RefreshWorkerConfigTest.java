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
        assertThat(RefreshSettings.fromEnv("k:9092", new EnvReader(Map.of())).schedule().maxDuePerTick()).isEqualTo(10_000);
    }

    @Test
    void theDueLimitPerTickIsReadFromTheEnvironment() {
        EnvReader env = new EnvReader(Map.of("AUTHPIPE_REFRESH_MAX_DUE_PER_TICK", "250"));

        assertThat(RefreshSettings.fromEnv("k:9092", env).schedule().maxDuePerTick()).isEqualTo(250);
    }

    @Test
    void aDueLimitBelowOneIsRejected() {
        EnvReader env = new EnvReader(Map.of("AUTHPIPE_REFRESH_MAX_DUE_PER_TICK", "0"));

        assertThatThrownBy(() -> RefreshSettings.fromEnv("k:9092", env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("AUTHPIPE_REFRESH_MAX_DUE_PER_TICK");
    }

    @Test
    void theDefaultsRefreshThirtyTwoAtOnceFourPerInstanceAndGiveUpAfterFortyEightFailures() {
        RefreshSettings settings = RefreshSettings.fromEnv("k:9092", new EnvReader(Map.of()));

        assertThat(settings.maxInFlight()).isEqualTo(32);
        assertThat(settings.maxPerHost()).isEqualTo(4);
        assertThat(settings.maxFailures()).isEqualTo(48);
        assertThat(settings.schedule().lease()).isEqualTo(java.time.Duration.ofMinutes(5));
    }

    @Test
    void aLeaseShorterThanARefreshCanTakeIsRejected() {
        EnvReader env = new EnvReader(Map.of("AUTHPIPE_REFRESH_LEASE", "60s", "AUTHPIPE_REFRESH_TIMEOUT", "10s"));

        assertThatThrownBy(() -> RefreshSettings.fromEnv("k:9092", env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("AUTHPIPE_REFRESH_LEASE");
    }
}
