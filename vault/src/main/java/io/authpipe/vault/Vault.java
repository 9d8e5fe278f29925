package io.authpipe.vault;

import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.vault.internal.DekCache;
import io.authpipe.vault.internal.EnvelopeV1;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.crypto.SecretKey;

/**
 * Encrypts and decrypts a tenant's secrets: envelope encryption with AES-256-GCM under per-tenant data keys (DEKs)
 * that a {@link Kms} wraps under its key-encryption key.
 *
 * <p><b>Envelope, format version 1</b> (also in {@code vault/ENVELOPE.md}):
 * <pre>
 * offset 0   1 byte   format version = 0x01
 * offset 1   4 bytes  DEK key id (int32, big-endian): which of the tenant's data keys
 * offset 5   12 bytes GCM IV (random per encryption, SecureRandom)
 * offset 17  n bytes  AES-256-GCM ciphertext of the UTF-8 secret, followed by the 16-byte tag
 *
 * AAD = the 5 header bytes || UTF-8 "authpipe-aad-v1"
 *       || for each of (tenant, provider, subject, purpose name): 4-byte big-endian length || UTF-8 bytes
 * </pre>
 * A ciphertext moved to another tenant, provider, subject or purpose does not decrypt, nor does one whose header was
 * altered. Envelope size = secret's UTF-8 length + 33 bytes.
 *
 * <p><b>Limit per DEK.</b> IVs are random, so by NIST SP 800-38D §8.3 one DEK may seal at most 2<sup>32</sup>
 * secrets (IV collision probability then below 2<sup>-32</sup>). Authpipe seals far fewer per tenant; should a tenant
 * approach that, {@link #rotate} is the remedy.
 *
 * <p><b>Caching.</b> Unwrapped DEKs are cached until one hour after their last use, measured by the injected clock;
 * their bytes are zeroed on eviction. <b>Thread-safe.</b>
 *
 * <p><b>Failures.</b> {@link VaultCryptoException} (opaque, permanent) for any envelope or key that does not open;
 * {@link KmsUnavailableException} (retryable) when the KMS cannot be reached.
 */
public final class Vault {
    /** How long an unwrapped DEK stays cached after its last use. */
    public static final Duration DEK_IDLE_EXPIRY = Duration.ofHours(1);

    private final Kms kms;
    private final DekCache cache;

    /**
     * @param kms   wraps and unwraps the data keys
     * @param clock measures the idle expiry of cached data keys
     */
    public Vault(Kms kms, Clock clock) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.cache = new DekCache(Objects.requireNonNull(clock, "clock"), DEK_IDLE_EXPIRY);
    }

    /**
     * A new tenant's keys: one fresh DEK with key id 1. Store the result with the tenant.
     *
     * @throws KmsUnavailableException if the KMS cannot generate a key now (retryable)
     */
    public TenantKeys createTenantKeys(TenantId tenant) {
        return new TenantKeys(tenant, List.of(generate(tenant, WrappedDataKey.FIRST_KEY_ID)));
    }

    /**
     * Adds a fresh DEK with the next key id, which seals from now on; the old keys still decrypt. Store the result;
     * re-encrypting old envelopes is optional (needed only before dropping an old key).
     *
     * @throws KmsUnavailableException if the KMS cannot generate a key now (retryable)
     */
    public TenantKeys rotate(TenantKeys keys) {
        return keys.with(generate(keys.tenant(), keys.current().keyId() + 1));
    }

    /**
     * Seals {@code plaintext} under the tenant's current DEK for {@code binding}.
     *
     * @throws IllegalArgumentException if {@code binding} names another tenant than {@code keys}
     * @throws KmsUnavailableException  if the DEK is not cached and the KMS cannot unwrap it now (retryable)
     */
    public byte[] encrypt(TenantKeys keys, SecretBinding binding, Secret plaintext) {
        if (!binding.tenant().equals(keys.tenant())) {
            throw new IllegalArgumentException("binding tenant " + binding.tenant() + " is not key tenant " + keys.tenant());
        }
        WrappedDataKey current = keys.current();
        byte[] utf8 = plaintext.utf8();
        try {
            return EnvelopeV1.seal(dek(keys.tenant(), current), current.keyId(), binding, utf8);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    /**
     * Opens an envelope sealed by {@link #encrypt} for the same binding with one of {@code keys}.
     *
     * @throws VaultCryptoException    "decryption failed", whatever the mismatch: version, key id, tenant, binding,
     *                                 any altered byte (permanent)
     * @throws KmsUnavailableException if the DEK is not cached and the KMS cannot unwrap it now (retryable)
     */
    public Secret decrypt(TenantKeys keys, SecretBinding binding, byte[] envelope) {
        if (!binding.tenant().equals(keys.tenant())) {
            throw VaultCryptoException.decryptionFailed();
        }
        WrappedDataKey wrapped = keys.byId(EnvelopeV1.keyIdOf(envelope)).orElseThrow(VaultCryptoException::decryptionFailed);
        byte[] utf8 = EnvelopeV1.open(dek(keys.tenant(), wrapped), binding, envelope);
        try {
            return Secret.ofUtf8(utf8);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    /** Drops and zeroes the cached DEKs of {@code tenant}: call when deleting a tenant (crypto-shredding). */
    public void forget(TenantId tenant) {
        cache.evict(tenant);
    }

    private WrappedDataKey generate(TenantId tenant, int keyId) {
        GeneratedDataKey generated = kms.generateDataKey(tenant);
        WrappedDataKey wrapped = generated.wrapped().withKeyId(keyId);
        cache.put(tenant, wrapped, generated.plaintext());
        return wrapped;
    }

    private SecretKey dek(TenantId tenant, WrappedDataKey wrapped) {
        return cache.get(tenant, wrapped, () -> kms.unwrap(tenant, wrapped));
    }
}
