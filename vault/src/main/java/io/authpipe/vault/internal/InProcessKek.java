package io.authpipe.vault.internal;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.GeneratedDataKey;
import io.authpipe.vault.KekRef;
import io.authpipe.vault.KmsKeyNotFoundException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One AES-256 KEK held in this process: the engine of the local key file KMS and the in-memory KMS. Wraps data keys
 * with {@link KeyWrapV1} under the tenant's {@link EncryptionContext}. No I/O. Thread-safe; after {@link #destroy()}
 * its bytes are zeroed and every call fails with {@link KmsKeyNotFoundException}.
 */
public final class InProcessKek {
    private static final int FINGERPRINT_HEX_CHARS = 16;

    private final KeyMaterial kek;
    private final KekRef ref;

    /**
     * @param kekBytes 32 bytes (copied)
     * @param ref      the canonical ref of this KEK
     */
    public InProcessKek(byte[] kekBytes, KekRef ref) {
        this.kek = new KeyMaterial(kekBytes.clone());
        this.ref = ref;
    }

    public KekRef ref() {
        return ref;
    }

    /** A fresh random DEK for {@code tenant}, wrapped under this KEK. */
    public GeneratedDataKey generateDataKey(TenantId tenant) {
        byte[] dek = AesGcm.randomBytes(AesGcm.KEY_BYTES);
        return new GeneratedDataKey(dek, wrap(EncryptionContext.tenantDataKey(tenant), dek), ref);
    }

    /** The DEK in {@code wrapped}, if this KEK wrapped it for {@code tenant}; opaque failure otherwise. */
    public byte[] unwrap(TenantId tenant, byte[] wrapped) {
        return unwrap(EncryptionContext.tenantDataKey(tenant), wrapped);
    }

    /** Wraps {@code plaintext} (32 bytes) with {@code context}. */
    public byte[] wrap(EncryptionContext context, byte[] plaintext) {
        DestroyableKey key = lease("GenerateDataKey");
        try {
            return KeyWrapV1.wrap(key, context, plaintext);
        } finally {
            key.destroy();
        }
    }

    /** Unwraps what {@link #wrap} wrapped with the same {@code context}. */
    public byte[] unwrap(EncryptionContext context, byte[] wrapped) {
        DestroyableKey key = lease("Decrypt");
        try {
            return KeyWrapV1.unwrap(key, context, wrapped);
        } finally {
            key.destroy();
        }
    }

    /** Zeroes the key: crypto-shredding of everything it wrapped. */
    public void destroy() {
        kek.destroy();
    }

    /** First 16 hex characters of SHA-256 of the key: identifies a KEK without revealing it. */
    public static String fingerprint(byte[] kekBytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(kekBytes);
            return HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private DestroyableKey lease(String operation) {
        DestroyableKey key = kek.lease();
        if (key == null) {
            throw new KmsKeyNotFoundException(operation, ref.value(), null);
        }
        return key;
    }

    @Override
    public String toString() {
        return "InProcessKek[" + ref + "]";
    }
}
