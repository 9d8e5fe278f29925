package io.authpipe.refresh;

import io.authpipe.core.config.ConfigException;
import io.authpipe.core.config.EnvReader;
import io.authpipe.records.CheckWindow;
import io.authpipe.records.EventPublisher;
import io.authpipe.vault.kms.KmsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the refresh-worker is configured with, from the environment (names in the README).
 *
 * @param schedule          scan interval, per-tick limit, lease, busy retry
 * @param kms               the key service that opens tenants' keys (same as broker-api's)
 * @param instanceAllowList hosts or host:port that may be private or plain http (the sandbox)
 * @param maxInFlight       refreshes running at once
 * @param maxPerHost        refreshes running at once against one instance
 * @param requestTimeout    connect/read timeout of one request to an instance (a call may take twice that)
 * @param backoffBase       first retry delay after a transient failure, doubled per failure
 * @param backoffCap        longest retry delay
 * @param maxFailures       transient failures in a row after which a refresh is given up (permanent)
 * @param metricsPort       port of the Prometheus endpoint {@code /metrics} when run as its own process
 * @param expiryMargin      how long before expiry a probe's 401 stops proving that a lost refresh took effect
 *                          ({@link CheckWindow}): the token may simply have expired
 * @param standbyReplicas   standby replicas of the schedule's stores ({@code AUTHPIPE_STANDBY_REPLICAS}, default 0)
 */
public record RefreshSettings(String kafkaBootstrap, Optional<String> schemaRegistryUrl, String applicationId,
                              String instanceId, Path stateDir, ScheduleSettings schedule, KmsSettings kms,
                              List<String> instanceAllowList, String userAgent, int maxInFlight, int maxPerHost,
                              Duration requestTimeout, Duration backoffBase, Duration backoffCap, int maxFailures,
                              Optional<Integer> metricsPort, Duration expiryMargin, int standbyReplicas) {

    public RefreshSettings {
        Duration longestRefresh = requestTimeout.multipliedBy(2 * 3).plus(EventPublisher.DELIVERY_TIMEOUT);
        if (schedule.lease().compareTo(longestRefresh) <= 0) {
            throw new ConfigException("AUTHPIPE_REFRESH_LEASE must be longer than a refresh can take ("
                    + longestRefresh.toSeconds() + "s with AUTHPIPE_REFRESH_TIMEOUT=" + requestTimeout.toSeconds()
                    + "s: discovery, probe and refresh calls, then publishing)");
        }
    }

    public static RefreshSettings fromEnv(String kafkaBootstrap, EnvReader env) {
        return new RefreshSettings(kafkaBootstrap, env.optional("SCHEMA_REGISTRY_URL"),
                env.string("AUTHPIPE_REFRESH_APPLICATION_ID", "authpipe-refresh-worker"),
                env.string("AUTHPIPE_INSTANCE_ID", "refresh-1"),
                env.path("AUTHPIPE_STATE_DIR", Path.of(".authpipe", "state")).resolve("refresh-worker"),
                new ScheduleSettings(env.duration("AUTHPIPE_REFRESH_SCAN_INTERVAL", Duration.ofMillis(200)),
                        env.integer("AUTHPIPE_REFRESH_MAX_DUE_PER_TICK", ScheduleSettings.DEFAULT_MAX_DUE_PER_TICK, 1,
                                1_000_000),
                        env.duration("AUTHPIPE_REFRESH_LEASE", Duration.ofMinutes(5)),
                        env.duration("AUTHPIPE_REFRESH_BUSY_RETRY", Duration.ofSeconds(2))),
                KmsSettings.fromEnv(env),
                env.list("AUTHPIPE_INSTANCE_ALLOWLIST", List.of()),
                env.string("AUTHPIPE_USER_AGENT", "Authpipe/0.1 (+https://github.com/authpipe/authpipe)"),
                env.integer("AUTHPIPE_REFRESH_MAX_IN_FLIGHT", 32, 1, 4096),
                env.integer("AUTHPIPE_REFRESH_MAX_PER_HOST", 4, 1, 1024),
                env.duration("AUTHPIPE_REFRESH_TIMEOUT", Duration.ofSeconds(10)),
                env.duration("AUTHPIPE_REFRESH_BACKOFF_BASE", Duration.ofSeconds(30)),
                env.duration("AUTHPIPE_REFRESH_BACKOFF_CAP", Duration.ofHours(1)),
                env.integer("AUTHPIPE_REFRESH_MAX_FAILURES", 48, 1, 10_000),
                env.optional("AUTHPIPE_REFRESH_METRICS_PORT").map(p -> env.integer("AUTHPIPE_REFRESH_METRICS_PORT",
                        0, 0, 65535)),
                env.duration("AUTHPIPE_EXPIRY_MARGIN", CheckWindow.DEFAULT_MARGIN),
                env.integer("AUTHPIPE_STANDBY_REPLICAS", 0, 0, 8));
    }
}
