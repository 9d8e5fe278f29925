package io.authpipe.broker.producers;

import io.authpipe.broker.secrets.SecretKind;
import io.authpipe.broker.secrets.TenantSecrets;
import io.authpipe.broker.tenant.Tenant;
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
 */
public final class ProducerKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final TenantSecrets secrets;

    public ProducerKeys(TenantSecrets secrets) {
        this.secrets = secrets;
    }

    /** A key just issued: the only time its value leaves the vault. */
    public record IssuedKey(String keyId, Secret key, Instant createdAt) {
    }

    public IssuedKey issue(Tenant tenant) {
        String keyId = "pk_" + BASE64URL.encodeToString(random(12));
        Secret key = Secret.of(BASE64URL.encodeToString(random(32)));
        return new IssuedKey(keyId, key, secrets.put(tenant, SecretKind.PRODUCER_SIGNING_KEY, keyId, key));
    }

    /** The tenant's key ids and when each was issued. */
    public Map<String, Instant> list(Tenant tenant) {
        return secrets.names(tenant, SecretKind.PRODUCER_SIGNING_KEY);
    }

    /** The key a request names, if the tenant holds it. */
    public Optional<Secret> find(Tenant tenant, String keyId) {
        return secrets.get(tenant, SecretKind.PRODUCER_SIGNING_KEY, keyId).map(TenantSecrets.StoredSecret::value);
    }

    /** Revokes a key; false when the tenant holds none by that id. */
    public boolean revoke(Tenant tenant, String keyId) {
        return secrets.delete(tenant, SecretKind.PRODUCER_SIGNING_KEY, keyId);
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
