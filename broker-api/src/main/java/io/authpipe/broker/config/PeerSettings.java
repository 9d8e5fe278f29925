package io.authpipe.broker.config;

import io.authpipe.core.config.ConfigException;
import io.authpipe.core.config.EnvReader;
import io.authpipe.core.secret.Secret;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * How broker-api instances trust each other when they forward requests (interactive-query routing).
 *
 * @param secret     shared by every instance of a deployment; a request carrying it in the forwarding header is a
 *                   peer's, anything else is an outside caller's
 * @param trustStore the certificates peers' https is checked against; empty uses the JVM's default trust store
 */
public record PeerSettings(Secret secret, Optional<KeyStoreFile> trustStore) {
    public static final String SECRET_VARIABLE = "AUTHPIPE_PEER_SECRET";
    static final int MIN_SECRET_LENGTH = 32;

    /** Production shape: the secret must be given, since every instance must hold the same one. */
    static PeerSettings required(EnvReader env) {
        return new PeerSettings(secret(env.required(SECRET_VARIABLE,
                "at least " + MIN_SECRET_LENGTH + " characters, the same on every broker-api instance, e.g. "
                        + "openssl rand -base64 32")), trustStore(env));
    }

    /** The embedded default (one instance): a random secret unless one is given. */
    static PeerSettings generatedUnlessGiven(EnvReader env) {
        return new PeerSettings(env.optional(SECRET_VARIABLE).map(PeerSettings::secret).orElseGet(PeerSettings::random),
                trustStore(env));
    }

    private static Secret secret(String value) {
        if (value.length() < MIN_SECRET_LENGTH) {
            throw new ConfigException(SECRET_VARIABLE + " must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        return Secret.of(value);
    }

    private static Secret random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    private static Optional<KeyStoreFile> trustStore(EnvReader env) {
        return HttpSettings.keyStore(env, "AUTHPIPE_PEER_TRUSTSTORE", "AUTHPIPE_PEER_TRUSTSTORE_PASSWORD");
    }
}
