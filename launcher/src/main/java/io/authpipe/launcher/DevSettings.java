package io.authpipe.launcher;

import io.authpipe.core.config.EnvReader;
import io.authpipe.sandbox.mastodon.TokenPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the embedded default. Everything lives under {@code home} ({@code AUTHPIPE_HOME}, default
 * {@code .authpipe}): the Kafka log directory, Streams state, the key file, logs and {@code dev.json}.
 *
 * @param home            the data directory
 * @param externalKafka   {@code KAFKA_BOOTSTRAP_SERVERS}: use that cluster instead of the embedded broker
 * @param kafkaPort       port of the embedded broker (0: any free port)
 * @param apiPort         broker-api port
 * @param sandboxPort     Mastodon sandbox port
 * @param demoPort        the demo tenant app's port (its page with a ConnectButton)
 * @param sandboxLegacy   run the sandbox as a pre-4.3 server (no PKCE, no metadata document)
 * @param sandboxTokenTtl make the sandbox a Pleroma-like server whose tokens expire after this and come with refresh
 *                        tokens (empty: stock Mastodon, tokens never expire)
 * @param sandboxRotation with a token TTL: rotate refresh tokens on every refresh (and revoke the grant on replay)
 * @param embeddedRegistry run Apicurio Registry beside the broker ({@code AUTHPIPE_SCHEMA_REGISTRY}, {@code embedded}
 *                        or {@code none}); ignored when {@code SCHEMA_REGISTRY_URL} names a registry
 * @param registryPort    the embedded registry's port (8081, the Confluent default; 0: any free port)
 */
public record DevSettings(Path home, Optional<String> externalKafka, int kafkaPort, int apiPort, int sandboxPort,
                          int demoPort, boolean sandboxLegacy, Optional<Duration> sandboxTokenTtl, boolean sandboxRotation,
                          boolean embeddedRegistry, int registryPort) {

    public static DevSettings fromEnv(EnvReader env) {
        return new DevSettings(
                env.path("AUTHPIPE_HOME", Path.of(".authpipe")),
                env.optional("KAFKA_BOOTSTRAP_SERVERS"),
                env.integer("AUTHPIPE_KAFKA_PORT", 0, 0, 65535),
                env.integer("AUTHPIPE_HTTP_PORT", 8080, 0, 65535),
                env.integer("AUTHPIPE_SANDBOX_PORT", 8090, 0, 65535),
                env.integer("AUTHPIPE_DEMO_PORT", 8070, 0, 65535),
                env.bool("AUTHPIPE_SANDBOX_LEGACY", false),
                env.optional("AUTHPIPE_SANDBOX_TOKEN_TTL").map(v -> env.duration("AUTHPIPE_SANDBOX_TOKEN_TTL",
                        Duration.ZERO)),
                env.bool("AUTHPIPE_SANDBOX_ROTATE_REFRESH_TOKENS", true),
                registryMode(env),
                env.integer("AUTHPIPE_REGISTRY_PORT", 8081, 0, 65535));
    }

    private static boolean registryMode(EnvReader env) {
        String mode = env.string("AUTHPIPE_SCHEMA_REGISTRY", "embedded");
        return switch (mode) {
            case "embedded" -> true;
            case "none" -> false;
            default -> throw new IllegalArgumentException("AUTHPIPE_SCHEMA_REGISTRY must be embedded or none");
        };
    }

    /** How the sandbox issues tokens. */
    public TokenPolicy sandboxTokens() {
        return sandboxTokenTtl.map(ttl -> TokenPolicy.expiring(ttl, sandboxRotation)).orElse(TokenPolicy.neverExpire());
    }
}
