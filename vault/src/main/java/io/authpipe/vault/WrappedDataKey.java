package io.authpipe.vault;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A tenant's data key (DEK) encrypted under a key-encryption key (KEK) of a {@link Kms}. Holds no plaintext: safe to
 * store anywhere (Kafka, disk, logs).
 *
 * <p>Equality compares the bytes. The array is copied in and out, so instances are immutable.
 *
 * @param keyId   the tenant-local number of this DEK (1, 2, 3, ... as keys are rotated); written into every envelope
 *                the DEK seals. A {@link Kms} returns {@value #FIRST_KEY_ID}; the {@link Vault} numbers the keys.
 * @param kekRef  the KEK that wrapped it, as {@link Kms#kekRef()} names it
 * @param wrapped the KMS's ciphertext of the DEK (opaque; its format belongs to the KMS implementation)
 */
public record WrappedDataKey(int keyId, String kekRef, byte[] wrapped) {
    /** The key id of a tenant's first data key. */
    public static final int FIRST_KEY_ID = 1;

    public WrappedDataKey {
        if (keyId < FIRST_KEY_ID) {
            throw new IllegalArgumentException("keyId must be >= " + FIRST_KEY_ID + ", was " + keyId);
        }
        Objects.requireNonNull(kekRef, "kekRef");
        wrapped = Objects.requireNonNull(wrapped, "wrapped").clone();
    }

    /** A copy of the wrapped bytes. */
    @Override
    public byte[] wrapped() {
        return wrapped.clone();
    }

    /** The same wrapped DEK under another tenant-local number. */
    public WrappedDataKey withKeyId(int newKeyId) {
        return new WrappedDataKey(newKeyId, kekRef, wrapped);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WrappedDataKey that
                && keyId == that.keyId && kekRef.equals(that.kekRef) && Arrays.equals(wrapped, that.wrapped);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyId, kekRef, Arrays.hashCode(wrapped));
    }

    @Override
    public String toString() {
        return "WrappedDataKey[keyId=" + keyId + ", kekRef=" + kekRef + ", wrapped=" + HexFormat.of().formatHex(wrapped) + "]";
    }
}
