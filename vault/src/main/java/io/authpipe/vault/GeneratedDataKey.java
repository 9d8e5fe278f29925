package io.authpipe.vault;

import java.util.Objects;

/**
 * A freshly generated data key: the plaintext, to seal with now, and its wrapped form, to store.
 *
 * <p>The plaintext array is handed over, not copied: the receiver owns it and should zero it when done
 * ({@link java.util.Arrays#fill(byte[], byte)}). {@link #toString()} never shows it.
 *
 * @param plaintext the 32 bytes of an AES-256 key
 * @param wrapped   the same key wrapped under the KMS's key-encryption key
 */
public record GeneratedDataKey(byte[] plaintext, WrappedDataKey wrapped) {

    public GeneratedDataKey {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(wrapped, "wrapped");
    }

    @Override
    public String toString() {
        return "GeneratedDataKey[plaintext=[redacted], wrapped=" + wrapped + "]";
    }
}
