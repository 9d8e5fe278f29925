package io.authpipe.vault;

import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.vault.internal.DataKeys;
import io.authpipe.vault.internal.Envelopes;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encrypts and decrypts a tenant's secrets: envelope encryption with AES-256-GCM under data keys (DEKs) that a
 * {@link Kms} generates and wraps under the tenant's key-encryption key (KEK). Byte formats: {@code vault/ENVELOPE.md}.
 *
 * <p><b>Envelope v2</b> (written): version byte {@code 0x02}, the KEK ref (AWS: key ARN), the wrapped DEK, a random
 * 96-bit IV, ciphertext and tag; the header and the {@link SecretBinding} (tenant, provider, subject, purpose) are the
 * AAD. <b>Envelope v1</b> (read only): DEKs from {@link TenantKeys#legacyDataKeys()}.
 *
 * <p><b>Data keys</b> (see {@link VaultPolicy}): one encryption DEK per tenant and KEK, generated on first use,
 * refreshed after an hour, never used after two hours or its encryption budget; unwrapped DEKs cached until an hour
 * after their last use. Key bytes are zeroed when dropped. One KMS call per missing key at a time.
 *
 * <p><b>When the KMS is down</b>, envelopes whose DEK is cached still open and a tenant with a valid encryption DEK can
 * still seal; everything else fails with {@link KmsUnavailableException} within the KMS's time budget (wrap the KMS
 * in {@code ResilientKms}), never hangs.
 *
 * <p><b>Failures.</b> {@link VaultCryptoException} (opaque, permanent) for anything that does not open;
 * {@link KmsUnavailableException} (retryable); {@link KmsKeyUnusableException} (permanent: key disabled or destroyed).
 * <b>Thread-safe.</b>
 */
public final class Vault {
    private final Kms kms;
    private final DataKeys dataKeys;
    private final Envelopes envelopes;

    /**
     * @param kms    generates, unwraps and destroys keys (wrap a remote one in {@code ResilientKms})
     * @param policy data-key lifetimes and budget
     * @param clock  measures those lifetimes
     */
    public Vault(Kms kms, VaultPolicy policy, Clock clock) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.dataKeys = new DataKeys(kms, Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(clock, "clock"));
        this.envelopes = new Envelopes(dataKeys);
    }

    /** A vault with {@link VaultPolicy#defaults()}. */
    public Vault(Kms kms, Clock clock) {
        this(kms, VaultPolicy.defaults(), clock);
    }

    /**
     * A new tenant's keys: a new KEK from the KMS. Store the result with the tenant.
     *
     * @throws KmsUnavailableException if the KMS cannot create a key now (retryable)
     */
    public TenantKeys createTenantKeys(TenantId tenant) {
        return TenantKeys.of(tenant, kms.createTenantKey(tenant));
    }

    /**
     * Adds a new KEK, which seals from now on (this vault drops the tenant's cached encryption DEK); envelopes under
     * older KEKs still decrypt. Store the result, then re-encrypt what {@link #isSealedUnderCurrentKey} reports as
     * old. With a KMS that shares one key between tenants, the keys stay the same and only the DEK is renewed.
     *
     * @throws KmsUnavailableException if the KMS cannot create a key now (retryable)
     */
    public TenantKeys rotate(TenantKeys keys) {
        TenantKeys rotated = keys.withKek(kms.createTenantKey(keys.tenant()));
        dataKeys.forgetEncryptionKeys(keys.tenant());
        return rotated;
    }

    /**
     * Seals {@code plaintext} for {@code binding} as a v2 envelope under the tenant's current KEK.
     *
     * @throws IllegalArgumentException if {@code binding} names another tenant than {@code keys}
     * @throws IllegalStateException    if the tenant has no KEK yet (v1 tenant not rotated)
     * @throws KmsUnavailableException  if a new DEK is needed and the KMS cannot generate one now (retryable)
     * @throws KmsKeyUnusableException  if the current KEK is disabled or destroyed (permanent)
     */
    public byte[] encrypt(TenantKeys keys, SecretBinding binding, Secret plaintext) {
        if (!binding.tenant().equals(keys.tenant())) {
            throw new IllegalArgumentException("binding tenant " + binding.tenant() + " is not key tenant " + keys.tenant());
        }
        byte[] utf8 = plaintext.utf8();
        try {
            return envelopes.seal(keys, binding, utf8);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    /**
     * Opens an envelope (v2, or legacy v1) sealed for the same binding under one of {@code keys}. The envelope's KEK
     * must be one of the tenant's before the KMS is asked anything.
     *
     * @throws VaultCryptoException    "decryption failed", whatever the mismatch (permanent)
     * @throws KmsUnavailableException if the DEK is not cached and the KMS cannot unwrap it now (retryable)
     * @throws KmsKeyUnusableException if the envelope's KEK is disabled or destroyed (permanent)
     */
    public Secret decrypt(TenantKeys keys, SecretBinding binding, byte[] envelope) {
        if (!binding.tenant().equals(keys.tenant())) {
            throw VaultCryptoException.decryptionFailed();
        }
        byte[] utf8 = envelopes.open(keys, binding, envelope);
        try {
            return Secret.ofUtf8(utf8);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    /**
     * Whether {@code envelope} is a v2 envelope under the tenant's current KEK. False for v1 envelopes, envelopes
     * under older KEKs, and anything malformed (which {@link #decrypt} then reports): the re-encryption job's test.
     */
    public boolean isSealedUnderCurrentKey(TenantKeys keys, byte[] envelope) {
        return !keys.keks().isEmpty() && Envelopes.isSealedUnder(keys.current(), envelope);
    }

    /**
     * Crypto-shreds a tenant: destroys every KEK in {@code keys} (irreversible) and forgets its cached DEKs. Afterwards
     * none of its v2 envelopes decrypts, in any process. Legacy v1 data keys are wrapped under the shared master key:
     * they are shredded by deleting {@code keys} from the tenant record. Retry on {@link KmsUnavailableException}.
     *
     * @throws UnsupportedOperationException if the KMS shares one key between tenants (nothing is destroyed)
     */
    public void shred(TenantKeys keys) {
        try {
            keys.keks().forEach(kms::destroyKey);
        } finally {
            dataKeys.forget(keys.tenant());
        }
    }

    /** Drops and zeroes the cached DEKs of {@code tenant}. */
    public void forget(TenantId tenant) {
        dataKeys.forget(tenant);
    }

    /** Counters since this vault was built. */
    public VaultStats stats() {
        return dataKeys.stats();
    }
}
