package io.authpipe.vault.internal;

import io.authpipe.vault.KekRef;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.TenantKeys;
import io.authpipe.vault.VaultCryptoException;
import io.authpipe.vault.WrappedDataKey;

/**
 * Seals v2 envelopes and opens v2 and v1 ones with the {@link DataKeys} of a tenant. An envelope whose KEK (v2) or
 * key id (v1) the tenant does not have fails before the KMS is asked anything. Thread-safe.
 */
public final class Envelopes {
    private final DataKeys dataKeys;

    public Envelopes(DataKeys dataKeys) {
        this.dataKeys = dataKeys;
    }

    /** A v2 envelope of {@code plaintext} under the tenant's current KEK. */
    public byte[] seal(TenantKeys keys, SecretBinding binding, byte[] plaintext) {
        try (EncryptionLease lease = dataKeys.forEncryption(keys.tenant(), keys.current())) {
            return EnvelopeV2.seal(lease.key(), lease.kek(), lease.wrapped(), binding, plaintext);
        }
    }

    /** The plaintext of a v2 or v1 envelope sealed for {@code binding} under one of {@code keys}. */
    public byte[] open(TenantKeys keys, SecretBinding binding, byte[] envelope) {
        if (envelope.length == 0) {
            throw VaultCryptoException.decryptionFailed();
        }
        return envelope[0] == EnvelopeV1.VERSION ? openV1(keys, binding, envelope) : openV2(keys, binding, envelope);
    }

    /** Whether {@code envelope} is a well-formed v2 envelope under {@code kek}. */
    public static boolean isSealedUnder(KekRef kek, byte[] envelope) {
        if (envelope.length == 0 || envelope[0] != EnvelopeV2.VERSION) {
            return false;
        }
        try {
            return EnvelopeV2.parse(envelope).kek().equals(kek);
        } catch (VaultCryptoException malformed) {
            return false;
        }
    }

    private byte[] openV2(TenantKeys keys, SecretBinding binding, byte[] envelope) {
        EnvelopeHeader header = EnvelopeV2.parse(envelope);
        if (!keys.hasKek(header.kek())) {
            throw VaultCryptoException.decryptionFailed();
        }
        DestroyableKey dek = dataKeys.forDecryption(keys.tenant(), header.kek(), header.wrappedDek());
        try {
            return EnvelopeV2.open(dek, header, binding, envelope);
        } finally {
            dek.destroy();
        }
    }

    private byte[] openV1(TenantKeys keys, SecretBinding binding, byte[] envelope) {
        WrappedDataKey legacy = keys.legacyDataKey(EnvelopeV1.keyIdOf(envelope))
                .orElseThrow(VaultCryptoException::decryptionFailed);
        DestroyableKey dek = dataKeys.forDecryption(keys.tenant(), legacy.kek(), legacy.wrapped());
        try {
            return EnvelopeV1.open(dek, binding, envelope);
        } finally {
            dek.destroy();
        }
    }
}
