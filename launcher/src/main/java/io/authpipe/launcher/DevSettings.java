package io.authpipe.launcher;

import io.authpipe.core.config.EnvReader;
import java.nio.file.Path;
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
 * @param sandboxLegacy   run the sandbox as a pre-4.3 server (no PKCE, no metadata document)
 */
public record DevSettings(Path home, Optional<String> externalKafka, int kafkaPort, int apiPort, int sandboxPort,
                          boolean sandboxLegacy) {

    public static DevSettings fromEnv(EnvReader env) {
        return new DevSettings(
                env.path("AUTHPIPE_HOME", Path.of(".authpipe")),
                env.optional("KAFKA_BOOTSTRAP_SERVERS"),
                env.integer("AUTHPIPE_KAFKA_PORT", 0, 0, 65535),
                env.integer("AUTHPIPE_HTTP_PORT", 8080, 0, 65535),
                env.integer("AUTHPIPE_SANDBOX_PORT", 8090, 0, 65535),
                env.bool("AUTHPIPE_SANDBOX_LEGACY", false));
    }
}
