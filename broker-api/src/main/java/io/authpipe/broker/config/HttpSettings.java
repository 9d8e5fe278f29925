package io.authpipe.broker.config;

import io.authpipe.core.config.ConfigException;
import io.authpipe.core.config.EnvReader;
import io.authpipe.core.secret.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How broker-api's HTTP server treats callers.
 *
 * @param anonymousLimit  per client address, for every request without a tenant key (the OAuth callback,
 *                        {@code /health}, {@code /oauth/finished}, requests whose key is wrong)
 * @param tenantLimit     per tenant, for requests with its API key
 * @param trackedCallers  most addresses and tenants whose budgets are remembered (least recently seen forgotten)
 * @param trustedProxies  addresses of reverse proxies whose {@code X-Forwarded-For} names the client
 * @param idleTimeout     a connection sending or reading nothing this long is closed (slow clients)
 * @param tls             serve https with this key store (its first key); empty serves plain http
 */
public record HttpSettings(RateLimit anonymousLimit, RateLimit tenantLimit, int trackedCallers,
                           List<String> trustedProxies, Duration idleTimeout, Optional<KeyStoreFile> tls) {

    public HttpSettings {
        trustedProxies = List.copyOf(trustedProxies);
    }

    static HttpSettings fromEnv(EnvReader env) {
        return new HttpSettings(
                new RateLimit(env.integer("AUTHPIPE_RATE_LIMIT_ANONYMOUS", 20, 0, 1_000_000),
                        env.integer("AUTHPIPE_RATE_LIMIT_ANONYMOUS_BURST", 100, 1, 10_000_000)),
                new RateLimit(env.integer("AUTHPIPE_RATE_LIMIT_TENANT", 200, 0, 1_000_000),
                        env.integer("AUTHPIPE_RATE_LIMIT_TENANT_BURST", 2000, 1, 10_000_000)),
                env.integer("AUTHPIPE_RATE_LIMIT_TRACKED", 100_000, 100, 10_000_000),
                env.list("AUTHPIPE_TRUSTED_PROXIES", List.of()),
                positive(env, "AUTHPIPE_HTTP_IDLE_TIMEOUT", Duration.ofSeconds(30)),
                keyStore(env, "AUTHPIPE_HTTP_TLS_KEYSTORE", "AUTHPIPE_HTTP_TLS_KEYSTORE_PASSWORD"));
    }

    /** A key store named by {@code pathVar}, which must exist, with its password from {@code passwordVar}. */
    static Optional<KeyStoreFile> keyStore(EnvReader env, String pathVar, String passwordVar) {
        return env.optional(pathVar).map(p -> {
            Path path = Path.of(p);
            if (!Files.isReadable(path)) {
                throw new ConfigException(pathVar + " must name a readable key store file, was '" + p + "'");
            }
            return new KeyStoreFile(path, Secret.of(env.string(passwordVar, "")));
        });
    }

    static Duration positive(EnvReader env, String name, Duration defaultValue) {
        Duration value = env.duration(name, defaultValue);
        if (value.isZero()) {
            throw new ConfigException(name + " must be positive");
        }
        return value;
    }
}
