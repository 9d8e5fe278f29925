package io.authpipe.health;

import io.authpipe.core.secret.Secret;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.TenantKeys;

/**
 * Opens a tenant's sealed producer signing key: {@code Vault::decrypt} in the worker. Throws what the vault throws
 * ({@code VaultCryptoException} for an envelope that does not open).
 */
@FunctionalInterface
public interface ProducerKeyOpener {
    Secret open(TenantKeys keys, SecretBinding binding, byte[] sealed);
}
