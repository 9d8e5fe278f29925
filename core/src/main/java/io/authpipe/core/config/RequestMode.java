package io.authpipe.core.config;

import java.util.Locale;

/**
 * {@code AUTHPIPE_TOPIC_REQUESTS}: whether requests on the request topics ({@code authpipe.connect-requests},
 * {@code authpipe.check-requests}) must be signed with a producer signing key. {@code signed} is the default;
 * {@code unsigned} is the migration setting: unsigned requests are accepted and a signed one is still verified, so
 * producers can move over one by one and see their mistakes.
 */
public enum RequestMode {
    SIGNED,
    UNSIGNED;

    public static RequestMode fromEnv(EnvReader env) {
        String value = env.string("AUTHPIPE_TOPIC_REQUESTS", "signed").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "signed" -> SIGNED;
            case "unsigned" -> UNSIGNED;
            default -> throw new ConfigException("AUTHPIPE_TOPIC_REQUESTS must be signed or unsigned, was " + value);
        };
    }
}
