package io.authpipe.vault;

import java.util.Objects;

/**
 * A freshly generated data key: the plaintext, to seal with now, and its wrapped form, to store beside the sealed data.
 *
 * <p>The arrays are handed over, not copied: the receiver owns the plaintext and should zero it when done
 * ({@link java.util.Arrays#fill(byte[], byte)}). {@link #toString()} shows neither the plaintext nor the wrapped bytes.
 *
 * @param plaintext the 32 bytes of an AES-256 key
 * @param wrapped   the same key wrapped under {@code kek}, as the KMS returned it (opaque)
 * @param kek       the KEK that wrapped it, canonical
 */
public record GeneratedDataKey(byte[] plaintext, byte[] wrapped, KekRef kek) {

    public GeneratedDataKey {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(wrapped, "wrapped");
        Objects.requireNonNull(kek, "kek");
    }

    @Override
    public String toString() {
        return "GeneratedDataKey[plaintext=[redacted], wrapped=[" + wrapped.length + " bytes], kek=" + kek + "]";
    }
}
