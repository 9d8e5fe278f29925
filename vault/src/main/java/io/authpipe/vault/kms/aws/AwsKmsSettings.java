package io.authpipe.vault.kms.aws;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How Authpipe uses AWS KMS. Credentials are not here: they come from the SDK's default chain (environment, profile,
 * container or instance role).
 *
 * @param mode             {@link Mode#PER_TENANT}: one KMS key per tenant (crypto-shredding possible);
 *                         {@link Mode#SHARED}: {@code keyId} for all tenants (isolation by encryption context only)
 * @param keyId            the shared key (key id, key ARN, alias or alias ARN); required for, and only for, SHARED
 * @param aliasPrefix      per-tenant keys get the alias {@code alias/<prefix><tenant>-<n>}; default {@code authpipe/}
 * @param endpointOverride the KMS endpoint, if not AWS's (a VPC endpoint, an emulator)
 * @param region           the region; empty: the SDK's default region chain
 */
public record AwsKmsSettings(Mode mode, Optional<String> keyId, String aliasPrefix, Optional<URI> endpointOverride,
                             Optional<String> region) {
    public static final String KEY_ID = "AUTHPIPE_KMS_KEY_ID";
    public static final String TENANT_KEYS = "AUTHPIPE_KMS_TENANT_KEYS";
    public static final String ALIAS_PREFIX = "AUTHPIPE_KMS_ALIAS_PREFIX";
    public static final String DEFAULT_ALIAS_PREFIX = "authpipe/";
    private static final Pattern PREFIX = Pattern.compile("[a-zA-Z0-9/_-]{0,128}");

    /** One KMS key per tenant, or one for all. */
    public enum Mode { PER_TENANT, SHARED }

    public AwsKmsSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(aliasPrefix, "aliasPrefix");
        Objects.requireNonNull(endpointOverride, "endpointOverride");
        Objects.requireNonNull(region, "region");
        if (mode == Mode.SHARED && keyId.filter(id -> !id.isBlank()).isEmpty()) {
            throw new IllegalArgumentException(KEY_ID + " must name the KMS key (id, ARN or alias) when " + TENANT_KEYS + "=shared");
        }
        if (mode == Mode.PER_TENANT && keyId.isPresent()) {
            throw new IllegalArgumentException(KEY_ID + " is set, but " + TENANT_KEYS + "=per-tenant creates one key per"
                    + " tenant; unset " + KEY_ID + " or set " + TENANT_KEYS + "=shared");
        }
        if (!PREFIX.matcher(aliasPrefix).matches() || aliasPrefix.startsWith("aws/")) {
            throw new IllegalArgumentException(ALIAS_PREFIX + " must be up to 128 of a-z A-Z 0-9 / _ - and not start with aws/");
        }
        endpointOverride.ifPresent(AwsKmsSettings::checkEndpoint);
    }

    /** Per-tenant keys with the default alias prefix at {@code endpoint} in {@code region} (tests, emulators). */
    public static AwsKmsSettings perTenant(URI endpoint, String region) {
        return new AwsKmsSettings(Mode.PER_TENANT, Optional.empty(), DEFAULT_ALIAS_PREFIX, Optional.of(endpoint), Optional.of(region));
    }

    /** The shared key {@code keyId} at {@code endpoint} in {@code region} (tests, emulators). */
    public static AwsKmsSettings shared(String keyId, URI endpoint, String region) {
        return new AwsKmsSettings(Mode.SHARED, Optional.of(keyId), DEFAULT_ALIAS_PREFIX, Optional.of(endpoint), Optional.of(region));
    }

    /**
     * Reads {@code AUTHPIPE_KMS_TENANT_KEYS} ({@code per-tenant}, the default, or {@code shared}),
     * {@code AUTHPIPE_KMS_KEY_ID}, {@code AUTHPIPE_KMS_ALIAS_PREFIX}, the endpoint from {@code AWS_ENDPOINT_URL_KMS}
     * else {@code AWS_ENDPOINT_URL}, and the region from {@code AWS_REGION} else {@code AWS_DEFAULT_REGION}.
     *
     * @throws IllegalArgumentException naming the variable, for a bad or missing value
     */
    public static AwsKmsSettings fromEnv(Map<String, String> env) {
        return new AwsKmsSettings(mode(value(env, TENANT_KEYS).orElse("per-tenant")), value(env, KEY_ID),
                value(env, ALIAS_PREFIX).orElse(DEFAULT_ALIAS_PREFIX),
                value(env, "AWS_ENDPOINT_URL_KMS").or(() -> value(env, "AWS_ENDPOINT_URL")).map(AwsKmsSettings::uri),
                value(env, "AWS_REGION").or(() -> value(env, "AWS_DEFAULT_REGION")));
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Mode mode(String value) {
        return switch (value) {
            case "per-tenant" -> Mode.PER_TENANT;
            case "shared" -> Mode.SHARED;
            default -> throw new IllegalArgumentException(TENANT_KEYS + " must be per-tenant or shared, was '" + value + "'");
        };
    }

    private static URI uri(String value) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the KMS endpoint (AWS_ENDPOINT_URL_KMS / AWS_ENDPOINT_URL) is not a URI: " + value, e);
        }
    }

    private static void checkEndpoint(URI endpoint) {
        if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("the KMS endpoint must be an http(s) URL with a host, was " + endpoint);
        }
    }
}
