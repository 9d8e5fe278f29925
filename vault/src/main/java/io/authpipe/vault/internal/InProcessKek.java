package io.authpipe.vault.internal;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.GeneratedDataKey;
import io.authpipe.vault.Kms;
import io.authpipe.vault.VaultCryptoException;
import io.authpipe.vault.WrappedDataKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.SecretKey;

/**
 * A {@link Kms} whose KEK is an AES-256 key held in this process: the engine of the local key file KMS and the
 * in-memory KMS. Wraps with {@link KeyWrapV1} under the tenant's {@link EncryptionContext}. Never does I/O, so never
 * throws {@link io.authpipe.vault.KmsUnavailableException}. Thread-safe (immutable).
 */
public final class InProcessKek implements Kms {
    private static final int FINGERPRINT_HEX_CHARS = 16;

    private final SecretKey kek;
    private final String kekRef;

    /**
     * @param kekBytes 32 bytes (copied)
     * @param scheme   the kekRef prefix, e.g. {@code local}: kekRef = scheme + ":" + first 16 hex chars of SHA-256(KEK)
     */
    public InProcessKek(byte[] kekBytes, String scheme) {
        this.kek = AesGcm.key(kekBytes);
        this.kekRef = scheme + ":" + fingerprint(kekBytes);
    }

    @Override
    public GeneratedDataKey generateDataKey(TenantId tenant) {
        byte[] dek = AesGcm.randomBytes(AesGcm.KEY_BYTES);
        byte[] wrapped = KeyWrapV1.wrap(kek, EncryptionContext.tenantDataKey(tenant), dek);
        return new GeneratedDataKey(dek, new WrappedDataKey(WrappedDataKey.FIRST_KEY_ID, kekRef, wrapped));
    }

    @Override
    public byte[] unwrap(TenantId tenant, WrappedDataKey wrapped) {
        if (!kekRef.equals(wrapped.kekRef())) {
            throw VaultCryptoException.decryptionFailed();
        }
        return KeyWrapV1.unwrap(kek, EncryptionContext.tenantDataKey(tenant), wrapped.wrapped());
    }

    @Override
    public String kekRef() {
        return kekRef;
    }

    /** First 16 hex characters of SHA-256 of the key: identifies a KEK without revealing it. */
    static String fingerprint(byte[] kekBytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(kekBytes);
            return HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "InProcessKek[" + kekRef + "]";
    }
}
