package io.authpipe.vault.internal;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.GeneratedDataKey;
import io.authpipe.vault.KekRef;
import io.authpipe.vault.Kms;
import io.authpipe.vault.VaultCryptoException;
import io.authpipe.vault.VaultPolicy;
import io.authpipe.vault.VaultStats;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * The vault's data keys: the encryption key per (tenant, KEK) and the unwrapped keys, both cached in front of the
 * {@link Kms}, with the counters of {@link VaultStats}. A freshly generated key also enters the unwrapped-key cache, so
 * reading back one's own writes costs no unwrap. Thread-safe.
 */
public final class DataKeys {
    private final Kms kms;
    private final EncryptionDekCache encryption;
    private final DecryptedDekCache decryption;
    private final LongAdder generateCalls = new LongAdder();
    private final LongAdder unwrapCalls = new LongAdder();
    private final LongAdder encryptions = new LongAdder();
    private final LongAdder decryptions = new LongAdder();

    public DataKeys(Kms kms, VaultPolicy policy, Clock clock) {
        this.kms = kms;
        this.encryption = new EncryptionDekCache(clock, policy);
        this.decryption = new DecryptedDekCache(clock, policy.decryptedDekIdleExpiry());
    }

    /** One reserved encryption under the current data key of {@code tenant} and {@code kek}; close it after sealing. */
    public EncryptionLease forEncryption(TenantId tenant, KekRef kek) {
        encryptions.increment();
        return encryption.lease(tenant, kek, () -> generate(tenant, kek));
    }

    /** The unwrapped form of {@code wrapped}; destroy it after opening. */
    public DestroyableKey forDecryption(TenantId tenant, KekRef kek, byte[] wrapped) {
        decryptions.increment();
        return decryption.lease(tenant, kek, wrapped, () -> unwrap(tenant, kek, wrapped));
    }

    /** Drops the encryption keys of {@code tenant}: the next encryption generates a fresh one. */
    public void forgetEncryptionKeys(TenantId tenant) {
        encryption.evict(tenant);
    }

    /** Drops and zeroes every cached key of {@code tenant}. */
    public void forget(TenantId tenant) {
        encryption.evict(tenant);
        decryption.evict(tenant);
    }

    public VaultStats stats() {
        return new VaultStats(encryptions.sum(), decryptions.sum(), generateCalls.sum(), unwrapCalls.sum(),
                encryption.hits(), decryption.hits());
    }

    private GeneratedDataKey generate(TenantId tenant, KekRef kek) {
        generateCalls.increment();
        GeneratedDataKey generated = kms.generateDataKey(kek, tenant);
        if (!generated.kek().equals(kek) || generated.plaintext().length != AesGcm.KEY_BYTES) {
            Arrays.fill(generated.plaintext(), (byte) 0);
            throw VaultCryptoException.encryptionFailed(null);
        }
        decryption.put(tenant, kek, generated.wrapped(), generated.plaintext().clone());
        return generated;
    }

    private byte[] unwrap(TenantId tenant, KekRef kek, byte[] wrapped) {
        unwrapCalls.increment();
        byte[] dek = kms.unwrap(kek, tenant, wrapped);
        if (dek.length != AesGcm.KEY_BYTES) {
            Arrays.fill(dek, (byte) 0);
            throw VaultCryptoException.decryptionFailed();
        }
        return dek;
    }
}
