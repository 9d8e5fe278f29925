package io.authpipe.broker.connection;

import io.authpipe.broker.kafka.SealedBytes;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.StoredCredential;
import io.authpipe.vault.Purpose;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.Vault;

/** Opens a stored credential with the tenant's data key. No I/O beyond the vault's cached data key. */
public final class CredentialReader {
    private final Vault vault;

    public CredentialReader(Vault vault) {
        this.vault = vault;
    }

    public CredentialRead read(Tenant tenant, ConnectionKey key, StoredCredential stored) {
        if (stored.getStatus() != ConnectionStatus.ACTIVE || stored.getAccessToken() == null) {
            return new CredentialRead.Unusable(stored);
        }
        return new CredentialRead.Usable(vault.decrypt(tenant.keys(),
                SecretBinding.forConnection(key, Purpose.ACCESS_TOKEN),
                SealedBytes.unwrap(stored.getAccessToken())), stored);
    }
}
