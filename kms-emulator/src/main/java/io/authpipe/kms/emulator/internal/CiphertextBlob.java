package io.authpipe.kms.emulator.internal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

/**
 * The emulator's CiphertextBlob: opaque to callers, but self-describing. Layout (big-endian):
 *
 * <pre>
 * offset  length  field
 *      0       1  format version, 0x01
 *      1      16  key id (the key's UUID: most then least significant 64 bits)
 *     17       4  key material version (int, 1 = the key's first material)
 *     21      12  IV (random per encryption)
 *     33  n + 16  AES-256-GCM ciphertext of the n plaintext bytes, then the 128-bit tag
 * </pre>
 *
 * <p>The GCM additional authenticated data is the 21-byte header (offsets 0..20) followed by the
 * {@linkplain EncryptionContext#canonicalBytes() canonical EncryptionContext}, so changing any byte of the
 * blob, or any context pair, makes decryption fail. A blob is 49 + n bytes long.
 */
record CiphertextBlob(UUID keyId, int materialVersion, byte[] iv, byte[] sealed) {

    static final byte FORMAT_VERSION = 1;
    static final int HEADER_BYTES = 1 + 16 + 4;
    static final int IV_BYTES = 12;
    static final int TAG_BYTES = 16;
    static final int MIN_BYTES = HEADER_BYTES + IV_BYTES + TAG_BYTES;

    CiphertextBlob {
        if (iv.length != IV_BYTES || sealed.length < TAG_BYTES) {
            throw new IllegalArgumentException("malformed blob parts");
        }
    }

    /**
     * Reads a blob.
     *
     * @throws ServiceError InvalidCiphertextException if the bytes are not in this layout
     */
    static CiphertextBlob parse(byte[] bytes) {
        if (bytes.length < MIN_BYTES || bytes[0] != FORMAT_VERSION) {
            throw ServiceError.invalidCiphertext();
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            UUID keyId = new UUID(in.getLong(), in.getLong());
            int materialVersion = in.getInt();
            byte[] iv = new byte[IV_BYTES];
            in.get(iv);
            byte[] sealed = new byte[in.remaining()];
            in.get(sealed);
            return new CiphertextBlob(keyId, materialVersion, iv, sealed);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw ServiceError.invalidCiphertext();
        }
    }

    /** The 21 header bytes, authenticated as the first part of the AAD. */
    byte[] header() {
        return header(keyId, materialVersion);
    }

    static byte[] header(UUID keyId, int materialVersion) {
        return ByteBuffer.allocate(HEADER_BYTES).put(FORMAT_VERSION)
                .putLong(keyId.getMostSignificantBits()).putLong(keyId.getLeastSignificantBits())
                .putInt(materialVersion).array();
    }

    /** The wire bytes, in the layout of the class comment. */
    byte[] toBytes() {
        return ByteBuffer.allocate(HEADER_BYTES + IV_BYTES + sealed.length)
                .put(header()).put(iv).put(sealed).array();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CiphertextBlob that && Arrays.equals(toBytes(), that.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        return "CiphertextBlob[keyId=" + keyId + ", materialVersion=" + materialVersion + "]";
    }
}
