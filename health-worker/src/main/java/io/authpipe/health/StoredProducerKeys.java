package io.authpipe.health;

import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.Tenant;
import io.authpipe.events.TenantSecret;
import io.authpipe.events.TenantSecretKind;
import io.authpipe.records.SealedBytes;
import io.authpipe.records.SignedRequests;
import io.authpipe.records.TenantKeyRecords;
import io.authpipe.records.TenantSecretRecords;
import io.authpipe.vault.VaultCryptoException;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A tenant's producer signing keys as the health-worker sees them: in its global copies of
 * {@code authpipe.tenants} (the tenant's key references) and {@code authpipe.tenant-secrets} (the sealed keys),
 * opened on demand. A key that is not there, or does not open, is no key.
 */
final class StoredProducerKeys implements SignedRequests.KeyLookup {
    private final KeyValueStore<String, Tenant> tenants;
    private final KeyValueStore<String, TenantSecret> secrets;
    private final ProducerKeyOpener opener;

    StoredProducerKeys(KeyValueStore<String, Tenant> tenants, KeyValueStore<String, TenantSecret> secrets,
                       ProducerKeyOpener opener) {
        this.tenants = tenants;
        this.secrets = secrets;
        this.opener = opener;
    }

    @Override
    public Optional<Secret> find(TenantId tenant, String keyId) {
        Tenant record = tenants.get(tenant.value());
        TenantSecret sealed = secrets.get(TenantSecretRecords.key(tenant, TenantSecretRecords.PRODUCER_SIGNING_KEY,
                keyId));
        if (record == null || sealed == null || sealed.getKind() != TenantSecretKind.PRODUCER_SIGNING_KEY) {
            return Optional.empty();
        }
        try {
            return Optional.of(opener.open(TenantKeyRecords.keysOf(record),
                    TenantSecretRecords.producerKeyBinding(tenant, keyId), SealedBytes.unwrap(sealed.getSecret())));
        } catch (VaultCryptoException e) {
            return Optional.empty();
        }
    }
}
