package io.authpipe.vault;

import java.util.Arrays;
import java.util.Objects;

/**
 * <b>Legacy (envelope v1 only).</b> A tenant data key (DEK) that version 1 stored in the tenant record, wrapped under
 * the KMS's single master KEK. Kept so that v1 envelopes still decrypt; new data keys are never stored this way (v2
 * envelopes carry their wrapped DEK). Holds no plaintext; {@link #toString()} shows no bytes either.
 *
 * <p>Equality compares the bytes. The array is copied in and out, so instances are immutable.
 *
 * @param keyId   the tenant-local number of this DEK (1, 2, 3, ...), written into every v1 envelope it sealed
 * @param kekRef  the master KEK that wrapped it, e.g. {@code local:ca2a4fe727faaecf} (a {@link KekRef} value)
 * @param wrapped the KMS's ciphertext of the DEK (wrapped-key format v1, see {@code vault/ENVELOPE.md})
 */
public record WrappedDataKey(int keyId, String kekRef, byte[] wrapped) {
    /** The key id of a tenant's first v1 data key. */
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

    /** The master KEK as a ref. */
    public KekRef kek() {
        return new KekRef(kekRef);
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
        return "WrappedDataKey[keyId=" + keyId + ", kekRef=" + kekRef + ", wrapped=[" + wrapped.length + " bytes]]";
    }
}
