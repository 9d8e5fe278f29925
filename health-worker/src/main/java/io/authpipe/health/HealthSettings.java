package io.authpipe.health;

import io.authpipe.core.config.ConfigException;
import io.authpipe.core.config.EnvReader;
import io.authpipe.core.config.RequestMode;
import io.authpipe.health.dispatch.DispatchSettings;
import io.authpipe.records.CheckWindow;
import io.authpipe.vault.kms.KmsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the health-worker is configured with, from the environment (names in the README).
 *
 * @param cadence           when connections are checked
 * @param scanInterval      how often (wall-clock time) due checks are taken
 * @param dispatch          concurrency and per-instance budgets
 * @param kms               the key service that opens tenants' keys (same as broker-api's)
 * @param instanceAllowList hosts or host:port that may be private or plain http (the sandbox)
 * @param requestTimeout    connect/read timeout of one request to an instance
 * @param metricsPort       port of the Prometheus endpoint {@code /metrics} when run as its own process
 * @param expiryMargin      how long before a token's expiry or its refresh due time checks stop: a 401 after that
 *                          says nothing about the grant ({@link CheckWindow})
 * @param standbyReplicas   standby replicas of the schedule's stores ({@code AUTHPIPE_STANDBY_REPLICAS}, default 0)
 * @param requestMode       whether check requests must be signed ({@code AUTHPIPE_TOPIC_REQUESTS}, default signed)
 */
public record HealthSettings(String kafkaBootstrap, Optional<String> schemaRegistryUrl, String applicationId,
                             String instanceId, Path stateDir, CheckCadence cadence, Duration scanInterval,
                             DispatchSettings dispatch, KmsSettings kms, List<String> instanceAllowList,
                             String userAgent, Duration requestTimeout, Optional<Integer> metricsPort,
                             Duration expiryMargin, int standbyReplicas, RequestMode requestMode) {

    public HealthSettings {
        if (scanInterval.isNegative() || scanInterval.isZero()) {
            throw new ConfigException("AUTHPIPE_HEALTH_SCAN_INTERVAL must be positive");
        }
        if (cadence.inFlightTimeout().compareTo(requestTimeout.multipliedBy(4)) <= 0) {
            throw new ConfigException("AUTHPIPE_HEALTH_IN_FLIGHT_TIMEOUT must be longer than four request timeouts"
                    + " (discovery, then the check)");
        }
    }

    public static HealthSettings fromEnv(String kafkaBootstrap, EnvReader env) {
        return new HealthSettings(kafkaBootstrap, env.optional("SCHEMA_REGISTRY_URL"),
                env.string("AUTHPIPE_HEALTH_APPLICATION_ID", "authpipe-health-worker"),
                env.string("AUTHPIPE_INSTANCE_ID", "health-1"),
                env.path("AUTHPIPE_STATE_DIR", Path.of(".authpipe", "state")).resolve("health-worker"),
                new CheckCadence(env.duration("AUTHPIPE_HEALTH_INTERVAL", Duration.ofMinutes(30)),
                        env.duration("AUTHPIPE_HEALTH_RETRY_BASE", Duration.ofMinutes(1)),
                        env.duration("AUTHPIPE_HEALTH_MIN_GAP", Duration.ofSeconds(10)),
                        env.duration("AUTHPIPE_HEALTH_IN_FLIGHT_TIMEOUT", Duration.ofMinutes(2))),
                env.duration("AUTHPIPE_HEALTH_SCAN_INTERVAL", Duration.ofMillis(500)),
                DispatchSettings.fromEnv(env),
                KmsSettings.fromEnv(env),
                env.list("AUTHPIPE_INSTANCE_ALLOWLIST", List.of()),
                env.string("AUTHPIPE_USER_AGENT", "Authpipe/0.1 (+https://github.com/authpipe/authpipe)"),
                env.duration("AUTHPIPE_HEALTH_TIMEOUT", Duration.ofSeconds(10)),
                env.optional("AUTHPIPE_HEALTH_METRICS_PORT").map(p -> env.integer("AUTHPIPE_HEALTH_METRICS_PORT",
                        0, 0, 65535)),
                env.duration("AUTHPIPE_EXPIRY_MARGIN", CheckWindow.DEFAULT_MARGIN),
                env.integer("AUTHPIPE_STANDBY_REPLICAS", 0, 0, 8),
                RequestMode.fromEnv(env));
    }
}
