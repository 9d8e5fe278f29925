package io.authpipe.broker.producers;

import io.authpipe.broker.secrets.SecretKind;
import io.authpipe.broker.secrets.TenantSecrets;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.broker.tenant.TenantDirectory;
import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's producer signing keys: 32 random bytes each, issued by Authpipe, sealed by the vault as tenant secrets
 * ({@code PRODUCER_SIGNING_KEY}, named by key id) and shown once, when issued. A tenant may hold several at once, so
 * producers roll to a new key before the old one is revoked.
 *
 * <p>broker-api is itself a producer of every tenant ({@code POST .../check} writes a check request): it signs with
 * the tenant's {@value #INTERNAL} key, issued when the tenant is created (or on first use, for older tenants), which
 * is neither listed nor revocable over the API.
 */
public final class ProducerKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** The key id of broker-api's own key (issued keys are {@code pk_} and 16 base64url characters). */
    public static final String INTERNAL = "authpipe-broker-api";

    private final TenantSecrets secrets;
    private final TenantDirectory tenants;

    public ProducerKeys(TenantSecrets secrets, TenantDirectory tenants) {
        this.secrets = secrets;
        this.tenants = tenants;
    }

    /** A key just issued: the only time its value leaves the vault. */
    public record IssuedKey(String keyId, Secret key, Instant createdAt) {
    }

    public IssuedKey issue(Tenant tenant) {
        String keyId = "pk_" + BASE64URL.encodeToString(random(12));
        Secret key = newKey();
        return new IssuedKey(keyId, key, secrets.put(tenant, SecretKind.PRODUCER_SIGNING_KEY, keyId, key));
    }

    /** The tenant's key ids and when each was issued (not broker-api's own). */
    public Map<String, Instant> list(Tenant tenant) {
        Map<String, Instant> keys = new java.util.TreeMap<>(secrets.names(tenant, SecretKind.PRODUCER_SIGNING_KEY));
        keys.remove(INTERNAL);
        return keys;
    }

    /** broker-api's own key of the tenant, issued now if it has none. */
    public Secret internal(Tenant tenant) {
        return secrets.get(tenant, SecretKind.PRODUCER_SIGNING_KEY, INTERNAL).map(TenantSecrets.StoredSecret::value)
                .orElseGet(() -> {
                    Secret key = newKey();
                    secrets.put(tenant, SecretKind.PRODUCER_SIGNING_KEY, INTERNAL, key);
                    return key;
                });
    }

    /**
     * Issues broker-api's own key of the tenant if it has none, without opening one it has (no KMS call then).
     *
     * @return whether a key was issued
     * @throws RuntimeException if the vault cannot seal it now (KMS down, tenant key unknown)
     */
    public boolean ensureInternal(Tenant tenant) {
        if (secrets.names(tenant, SecretKind.PRODUCER_SIGNING_KEY).containsKey(INTERNAL)) {
            return false;
        }
        secrets.put(tenant, SecretKind.PRODUCER_SIGNING_KEY, INTERNAL, newKey());
        return true;
    }

    /** The key a request names, if the tenant exists and holds it. */
    public Optional<Secret> find(TenantId tenant, String keyId) {
        return tenants.find(tenant).flatMap(t -> secrets.get(t, SecretKind.PRODUCER_SIGNING_KEY, keyId))
                .map(TenantSecrets.StoredSecret::value);
    }

    /** Revokes an issued key; false when the tenant holds none by that id. */
    public boolean revoke(Tenant tenant, String keyId) {
        return !keyId.equals(INTERNAL) && secrets.delete(tenant, SecretKind.PRODUCER_SIGNING_KEY, keyId);
    }

    private static Secret newKey() {
        return Secret.of(BASE64URL.encodeToString(random(32)));
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
