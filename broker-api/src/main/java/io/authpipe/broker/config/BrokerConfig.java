package io.authpipe.broker.config;

import io.authpipe.broker.vault.RefreshPolicy;
import io.authpipe.core.config.ConfigException;
import io.authpipe.core.config.RequestMode;
import io.authpipe.core.config.EnvReader;
import io.authpipe.records.CheckWindow;
import io.authpipe.vault.kms.KmsSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of one broker-api process, read once from the environment and validated. See the README's
 * configuration table for every variable.
 *
 * @param httpHost            interface the HTTP API binds to
 * @param httpPort            HTTP API port (0 picks a free one)
 * @param publicUrl           base URL browsers and Mastodon servers reach this API at; the OAuth callback hangs
 *                            under it. Empty means "the bound address" (resolved at start-up)
 * @param advertisedUrl       base URL other broker-api instances reach this one at, for routed queries
 * @param kafkaBootstrap      Kafka bootstrap servers
 * @param schemaRegistryUrl   Confluent-compatible registry; empty for the embedded default (no registry)
 * @param applicationId       Kafka Streams application id (consumer group, internal topic prefix)
 * @param instanceId          stable id of this instance (static group membership, state directory)
 * @param stateDir            Kafka Streams state directory
 * @param kms                 the key service protecting the vault (local key file or AWS KMS)
 * @param instanceAllowList   hosts or host:port that may be private or plain http (the sandbox)
 * @param adminToken          bearer token of the admin API; empty disables it
 * @param partitions          partition count of the topics created at start-up
 * @param replicationFactor   replication factor of those topics (-1: the broker default)
 * @param flowTtl             lifetime of an OAuth state (Mastodon codes live 10 minutes)
 * @param registrationLimit   app registrations per instance per window (Mastodon: 5 per 10 minutes per IP)
 * @param registrationWindow  that window
 * @param userAgent           User-Agent sent to instances
 * @param refresh             when expiring tokens are refreshed (lead before expiry, jitter)
 * @param keyRotationSettle   how long a key rotation stays open after its start to catch in-flight writes
 * @param http                rate limits, trusted proxies, timeouts and TLS of the HTTP server
 * @param peers               how instances authenticate each other's forwarded requests
 * @param publishTimeout      how long a request waits for Kafka to acknowledge a record it publishes
 * @param standbyReplicas     standby replicas of every state store ({@code AUTHPIPE_STANDBY_REPLICAS}, default 0)
 * @param events              the push channel {@code GET /v1/events}
 * @param topicRequests       whether connect requests on the topic must be signed ({@code AUTHPIPE_TOPIC_REQUESTS})
 */
public record BrokerConfig(
        String httpHost,
        int httpPort,
        Optional<URI> publicUrl,
        Optional<URI> advertisedUrl,
        String kafkaBootstrap,
        Optional<String> schemaRegistryUrl,
        String applicationId,
        String instanceId,
        Path stateDir,
        KmsSettings kms,
        List<String> instanceAllowList,
        Optional<String> adminToken,
        int partitions,
        short replicationFactor,
        Duration flowTtl,
        int registrationLimit,
        Duration registrationWindow,
        String userAgent,
        RefreshPolicy refresh,
        Duration keyRotationSettle,
        HttpSettings http,
        PeerSettings peers,
        Duration publishTimeout,
        int standbyReplicas,
        EventSettings events,
        RequestMode topicRequests) {

    /**
     * The production shape (one of possibly several instances): Kafka's address and {@code AUTHPIPE_PEER_SECRET}
     * are required.
     */
    public static BrokerConfig fromEnv(EnvReader env) {
        return read(env.required("KAFKA_BOOTSTRAP_SERVERS", "host:port,..."), env, PeerSettings.required(env));
    }

    /**
     * Every setting from {@code env}, with {@code kafkaBootstrap} given (the launcher's embedded broker). Without
     * {@code AUTHPIPE_PEER_SECRET} the instance gets a random one: fine alone, but instances that are to share
     * partitions must be given the same secret.
     */
    public static BrokerConfig defaults(String kafkaBootstrap, EnvReader env) {
        return read(kafkaBootstrap, env, PeerSettings.generatedUnlessGiven(env));
    }

    private static BrokerConfig read(String kafkaBootstrap, EnvReader env, PeerSettings peers) {
        return new BrokerConfig(
                env.string("AUTHPIPE_HTTP_HOST", "127.0.0.1"),
                env.integer("AUTHPIPE_HTTP_PORT", 8080, 0, 65535),
                env.optional("AUTHPIPE_PUBLIC_URL").map(v -> url("AUTHPIPE_PUBLIC_URL", v)),
                env.optional("AUTHPIPE_ADVERTISED_URL").map(v -> url("AUTHPIPE_ADVERTISED_URL", v)),
                kafkaBootstrap,
                env.optional("SCHEMA_REGISTRY_URL"),
                env.string("AUTHPIPE_APPLICATION_ID", "authpipe-broker-api"),
                env.string("AUTHPIPE_INSTANCE_ID", "broker-1"),
                env.path("AUTHPIPE_STATE_DIR", Path.of(".authpipe", "state")),
                KmsSettings.fromEnv(env),
                env.list("AUTHPIPE_INSTANCE_ALLOWLIST", List.of()),
                env.optional("AUTHPIPE_ADMIN_TOKEN"),
                env.integer("AUTHPIPE_TOPIC_PARTITIONS", 6, 1, 1000),
                (short) env.integer("AUTHPIPE_TOPIC_REPLICATION", -1, -1, 16),
                env.duration("AUTHPIPE_FLOW_TTL", Duration.ofMinutes(10)),
                env.integer("AUTHPIPE_APP_REGISTRATIONS_PER_WINDOW", 5, 1, 1000),
                env.duration("AUTHPIPE_APP_REGISTRATION_WINDOW", Duration.ofMinutes(10)),
                env.string("AUTHPIPE_USER_AGENT", "Authpipe/0.1 (+https://github.com/authpipe/authpipe)"),
                new RefreshPolicy(env.duration("AUTHPIPE_REFRESH_LEAD", Duration.ofMinutes(5)),
                        env.duration("AUTHPIPE_REFRESH_JITTER", Duration.ofMinutes(1)),
                        env.duration("AUTHPIPE_EXPIRY_MARGIN", CheckWindow.DEFAULT_MARGIN)),
                env.duration("AUTHPIPE_KEY_ROTATION_SETTLE", Duration.ofMinutes(1)),
                HttpSettings.fromEnv(env),
                peers,
                HttpSettings.positive(env, "AUTHPIPE_KAFKA_PUBLISH_TIMEOUT", Duration.ofSeconds(15)),
                env.integer("AUTHPIPE_STANDBY_REPLICAS", 0, 0, 8),
                EventSettings.fromEnv(env),
                RequestMode.fromEnv(env));
    }

    private static URI url(String name, String value) {
        try {
            URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + " must be an absolute URL such as https://authpipe.example.com");
        }
    }
}
