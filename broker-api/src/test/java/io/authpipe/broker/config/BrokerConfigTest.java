package io.authpipe.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.core.config.ConfigException;
import io.authpipe.core.config.EnvReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {
    private static final String SECRET = "a-peer-secret-of-at-least-32-characters";

    @Test
    void theProductionShapeRequiresThePeerSecret() {
        EnvReader env = new EnvReader(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));

        assertThatThrownBy(() -> BrokerConfig.fromEnv(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("AUTHPIPE_PEER_SECRET");
        assertThatThrownBy(() -> BrokerConfig.fromEnv(env.with(Map.of("AUTHPIPE_PEER_SECRET", "short"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least 32");
        assertThat(BrokerConfig.fromEnv(env.with(Map.of("AUTHPIPE_PEER_SECRET", SECRET))).peers().secret().reveal())
                .isEqualTo(SECRET);
    }

    @Test
    void theEmbeddedDefaultGeneratesARandomSecretNeverPrinted() {
        BrokerConfig one = BrokerConfig.defaults("127.0.0.1:9092", new EnvReader(Map.of()));
        BrokerConfig two = BrokerConfig.defaults("127.0.0.1:9092", new EnvReader(Map.of()));

        assertThat(one.peers().secret().reveal()).hasSizeGreaterThanOrEqualTo(32)
                .isNotEqualTo(two.peers().secret().reveal());
        assertThat(one.toString()).doesNotContain(one.peers().secret().reveal());
    }

    @Test
    void limitsHaveDefaultsAndAreTyped() {
        BrokerConfig config = BrokerConfig.defaults("127.0.0.1:9092", new EnvReader(Map.of(
                "AUTHPIPE_RATE_LIMIT_TENANT", "0", "AUTHPIPE_TRUSTED_PROXIES", "10.0.0.1, ::1")));

        assertThat(config.http().anonymousLimit()).isEqualTo(new RateLimit(20, 100));
        assertThat(config.http().tenantLimit().isUnlimited()).isTrue();
        assertThat(config.http().trustedProxies()).containsExactly("10.0.0.1", "::1");
        assertThat(config.http().tls()).isEmpty();
    }

    @Test
    void aKeyStoreThatCannotBeReadIsRefusedAtStartUp() {
        EnvReader env = new EnvReader(Map.of("AUTHPIPE_HTTP_TLS_KEYSTORE", "/nonexistent/keystore.p12"));

        assertThatThrownBy(() -> BrokerConfig.defaults("127.0.0.1:9092", env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("AUTHPIPE_HTTP_TLS_KEYSTORE");
        assertThatThrownBy(() -> BrokerConfig.defaults("127.0.0.1:9092", new EnvReader(Map.of(
                "AUTHPIPE_RATE_LIMIT_ANONYMOUS_BURST", "0")))).isInstanceOf(ConfigException.class);
    }
}
