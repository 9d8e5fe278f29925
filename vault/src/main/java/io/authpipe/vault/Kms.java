package io.authpipe.vault;

import io.authpipe.core.identity.TenantId;

/**
 * SPI: a key-encryption-key (KEK) service that generates and unwraps tenant data keys (DEKs).
 *
 * <p>Implementations: {@code io.authpipe.vault.kms.LocalKeyFileKms} (embedded default),
 * {@code io.authpipe.vault.kms.InMemoryKms} (tests), and later AWS KMS. Every implementation passes the same contract
 * test suite.
 *
 * <p><b>Encryption context.</b> Every DEK is wrapped with the encryption context
 * {@code {"tenant": <tenant id>, "purpose": "tenant-data-key"}}, bound as AAD (AWS: the {@code EncryptionContext}),
 * so a DEK wrapped for one tenant cannot be unwrapped as another's.
 *
 * <p><b>Failures, kept apart.</b> A wrapped key that is foreign (another KEK), tampered with, or presented for another
 * tenant throws {@link VaultCryptoException}: permanent, opaque. The KMS being unreachable or refusing service throws
 * {@link KmsUnavailableException}: retryable. Implementations never put key material into messages.
 *
 * <p>Implementations are thread-safe. Calls may block on I/O (remote KMS); callers cache unwrapped DEKs.
 */
public interface Kms {
    /** The encryption-context key naming the tenant. */
    String CONTEXT_TENANT = "tenant";
    /** The encryption-context key naming what the wrapped key is for. */
    String CONTEXT_PURPOSE = "purpose";
    /** The value of {@link #CONTEXT_PURPOSE} for tenant data keys. */
    String PURPOSE_TENANT_DATA_KEY = "tenant-data-key";

    /**
     * Generates a new random AES-256 DEK for {@code tenant} and wraps it under the KEK.
     *
     * @return the 32-byte plaintext (the caller owns the array) and the wrapped key, with key id
     *         {@link WrappedDataKey#FIRST_KEY_ID} (the caller renumbers it) and {@link #kekRef()} of the KEK
     *         that actually wrapped it
     * @throws KmsUnavailableException if the KMS cannot serve the request (retryable)
     */
    GeneratedDataKey generateDataKey(TenantId tenant);

    /**
     * Unwraps a DEK that {@link #generateDataKey} produced for the same tenant.
     *
     * @return the 32-byte plaintext DEK, in a fresh array the caller owns (and should zero when done)
     * @throws VaultCryptoException    if {@code wrapped} names another KEK, was wrapped for another tenant, or was
     *                                 altered (opaque, permanent)
     * @throws KmsUnavailableException if the KMS cannot serve the request (retryable)
     */
    byte[] unwrap(TenantId tenant, WrappedDataKey wrapped);

    /**
     * Identifies the KEK new keys are wrapped under: {@code local:<fingerprint>} for a key file,
     * {@code memory:<fingerprint>} in memory, the key ARN for AWS. Stored beside each wrapped DEK.
     */
    String kekRef();
}
