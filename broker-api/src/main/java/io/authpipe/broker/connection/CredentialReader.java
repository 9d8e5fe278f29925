package io.authpipe.broker.connection;

import io.authpipe.broker.tenant.Tenant;
import io.authpipe.broker.vault.ConnectionStates;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.StoredCredential;
import io.authpipe.records.SealedBytes;
import io.authpipe.vault.Purpose;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.Vault;
import java.time.Instant;
import java.util.Optional;

/** Opens a stored credential with the tenant's data key. No I/O beyond the vault's cached data key. */
public final class CredentialReader {
    private final Vault vault;

    public CredentialReader(Vault vault) {
        this.vault = vault;
    }

    /** The refresh token, if the connection has one. */
    public Optional<Secret> refreshToken(Tenant tenant, ConnectionKey key, StoredCredential stored) {
        return Optional.ofNullable(stored.getRefreshToken()).map(r -> vault.decrypt(tenant.keys(),
                SecretBinding.forConnection(key, Purpose.REFRESH_TOKEN), SealedBytes.unwrap(r)));
    }

    /** Whether every secret of the connection is sealed under the tenant's current key. */
    public boolean isSealedUnderCurrentKey(Tenant tenant, StoredCredential stored) {
        return (stored.getAccessToken() == null
                || vault.isSealedUnderCurrentKey(tenant.keys(), SealedBytes.unwrap(stored.getAccessToken())))
                && (stored.getRefreshToken() == null
                || vault.isSealedUnderCurrentKey(tenant.keys(), SealedBytes.unwrap(stored.getRefreshToken())));
    }

    /** The access token of a connection that holds one, expired or not: for revoking it or sealing it again. */
    public Optional<Secret> accessToken(Tenant tenant, ConnectionKey key, StoredCredential stored) {
        if (!ConnectionStates.holdsSecrets(stored.getStatus()) || stored.getAccessToken() == null) {
            return Optional.empty();
        }
        return Optional.of(vault.decrypt(tenant.keys(), SecretBinding.forConnection(key, Purpose.ACCESS_TOKEN),
                SealedBytes.unwrap(stored.getAccessToken())));
    }

    /** What {@code getCredential} answers at {@code now}: the token, or why there is none. */
    public CredentialRead read(Tenant tenant, ConnectionKey key, StoredCredential stored, Instant now) {
        if (!ConnectionStates.serves(stored.getStatus()) || stored.getAccessToken() == null) {
            return new CredentialRead.Unusable(stored);
        }
        if (stored.getExpiresAt() != null && !stored.getExpiresAt().isAfter(now)) {
            return new CredentialRead.Expired(stored);
        }
        return new CredentialRead.Usable(accessToken(tenant, key, stored).orElseThrow(), stored);
    }
}
