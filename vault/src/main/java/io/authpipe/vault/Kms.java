package io.authpipe.vault;

import io.authpipe.core.identity.TenantId;

/**
 * SPI: a key management service holding key-encryption keys (KEKs) that generate and unwrap tenant data keys (DEKs).
 *
 * <p>Implementations: {@code io.authpipe.vault.kms.LocalKeyFileKms} (embedded default),
 * {@code io.authpipe.vault.kms.aws.AwsKms} (AWS KMS), {@code io.authpipe.vault.kms.InMemoryKms} (tests); decorator
 * {@code io.authpipe.vault.kms.ResilientKms} (retries). Every implementation passes the same contract test suite.
 *
 * <p><b>Encryption context.</b> Every DEK is generated and unwrapped with the context
 * {@code {"tenant": <tenant id>, "purpose": "tenant-data-key"}}, bound as AAD (AWS: the {@code EncryptionContext}),
 * so a DEK wrapped for one tenant cannot be unwrapped as another's, even under a shared KEK.
 *
 * <p><b>Failures, three kinds, kept apart.</b>
 * <ul>
 *   <li>{@link VaultCryptoException}: the wrapped key is foreign (another KEK), tampered with, presented for another
 *       tenant, or the KMS answered for another key than asked. Opaque and permanent: never retry.</li>
 *   <li>{@link KmsUnavailableException}: the KMS cannot be reached or is overloaded (I/O, timeout, 5xx, throttling).
 *       Transient: retry with backoff ({@code ResilientKms} does).</li>
 *   <li>{@link KmsKeyUnusableException} ({@link KmsKeyNotFoundException}): the key is disabled, pending deletion,
 *       destroyed, unknown, or access is denied. Permanent until an operator acts: never retry.</li>
 * </ul>
 * Messages name the KMS, the operation and the key ref; never key material, wrapped bytes or secrets.
 *
 * <p>Implementations are thread-safe. Calls may block on I/O (remote KMS), bounded by the implementation's timeouts;
 * callers cache DEKs (the {@link Vault} does).
 */
public interface Kms extends AutoCloseable {
    /** The encryption-context key naming the tenant. */
    String CONTEXT_TENANT = "tenant";
    /** The encryption-context key naming what the wrapped key is for. */
    String CONTEXT_PURPOSE = "purpose";
    /** The value of {@link #CONTEXT_PURPOSE} for tenant data keys. */
    String PURPOSE_TENANT_DATA_KEY = "tenant-data-key";

    /**
     * The canonical ref of the key {@code keyReference} names: a key id, key ARN, alias ({@code alias/...}) or alias
     * ARN for AWS; a canonical ref or its short form without fingerprint ({@code local:acme:1}) for the embedded KMSs.
     *
     * @throws KmsKeyNotFoundException if no such key exists (permanent)
     * @throws KmsUnavailableException if the KMS cannot answer now (retryable)
     */
    KekRef resolve(String keyReference);

    /**
     * A new KEK for {@code tenant}: per-tenant implementations create a key (so that destroying it crypto-shreds the
     * tenant); a shared-key implementation returns its one key. Not idempotent: each call may create a key.
     *
     * @throws KmsUnavailableException if the KMS cannot create the key now (retryable by the caller)
     */
    KekRef createTenantKey(TenantId tenant);

    /**
     * A new random AES-256 DEK for {@code tenant}, wrapped under {@code kek} with the tenant's encryption context.
     * The implementation verifies that the key that wrapped it is {@code kek}.
     *
     * @return the 32-byte plaintext (the caller owns the array and zeroes it) and the wrapped bytes
     * @throws KmsKeyUnusableException if {@code kek} is disabled, destroyed or unknown (permanent)
     * @throws KmsUnavailableException if the KMS cannot serve the request now (retryable)
     * @throws VaultCryptoException    if the KMS answered with another key (permanent)
     */
    GeneratedDataKey generateDataKey(KekRef kek, TenantId tenant);

    /**
     * Unwraps a DEK that {@link #generateDataKey} produced under {@code kek} for {@code tenant}.
     *
     * @return the 32-byte plaintext DEK, in a fresh array the caller owns (and zeroes when done)
     * @throws VaultCryptoException    if {@code wrappedDek} is foreign, tampered with, or for another tenant (opaque)
     * @throws KmsKeyUnusableException if {@code kek} is disabled, destroyed or unknown (permanent)
     * @throws KmsUnavailableException if the KMS cannot serve the request now (retryable)
     */
    byte[] unwrap(KekRef kek, TenantId tenant, byte[] wrappedDek);

    /**
     * Destroys {@code kek} irreversibly (crypto-shredding): afterwards nothing it wrapped unwraps. Idempotent.
     *
     * @throws UnsupportedOperationException if this KMS shares one key between tenants
     * @throws KmsUnavailableException       if the KMS cannot serve the request now (retryable)
     */
    void destroyKey(KekRef kek);

    /** Releases connections and threads; the default holds none. */
    @Override
    default void close() {
    }
}
