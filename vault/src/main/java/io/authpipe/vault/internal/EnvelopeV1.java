package io.authpipe.vault.internal;

import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.VaultCryptoException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * Envelope format version 1 (also in {@code vault/ENVELOPE.md}; never change it, add a version instead):
 *
 * <pre>
 * offset 0   1 byte   format version = 0x01
 * offset 1   4 bytes  DEK key id (int32, big-endian): which of the tenant's data keys
 * offset 5   12 bytes GCM IV (random per encryption, SecureRandom)
 * offset 17  n bytes  AES-256-GCM ciphertext of the UTF-8 secret, followed by the 16-byte tag
 *
 * AAD = the 5 header bytes || UTF-8 "authpipe-aad-v1"
 *       || for each of (tenant, provider, subject, purpose name): 4-byte big-endian length || UTF-8 bytes
 * </pre>
 *
 * The header is in the AAD, so it cannot be altered; the binding is in the AAD, so the envelope opens only for the
 * row it was sealed for. The shortest envelope (empty secret) is 33 bytes.
 */
public final class EnvelopeV1 {
    /** The version byte. */
    public static final byte VERSION = 0x01;
    /** Version byte plus key id. */
    public static final int HEADER_BYTES = 5;
    /** Where the ciphertext starts. */
    public static final int CIPHERTEXT_OFFSET = HEADER_BYTES + AesGcm.IV_BYTES;
    private static final String AAD_LABEL = "authpipe-aad-v1";

    private EnvelopeV1() {
    }

    /** Seals {@code plaintext} with a fresh random IV. */
    public static byte[] seal(SecretKey dek, int keyId, SecretBinding binding, byte[] plaintext) {
        return seal(dek, keyId, AesGcm.randomBytes(AesGcm.IV_BYTES), binding, plaintext);
    }

    /** Seals with a given IV. Only for known-answer tests: an IV must never repeat under one key. */
    static byte[] seal(SecretKey dek, int keyId, byte[] iv, SecretBinding binding, byte[] plaintext) {
        byte[] header = header(keyId);
        byte[] sealed = AesGcm.seal(dek, iv, aad(header, binding), plaintext);
        return ByteBuffer.allocate(CIPHERTEXT_OFFSET + sealed.length).put(header).put(iv).put(sealed).array();
    }

    /**
     * The key id in the header of a v1 envelope.
     *
     * @throws VaultCryptoException if {@code envelope} is too short or not version 1
     */
    public static int keyIdOf(byte[] envelope) {
        if (envelope.length < CIPHERTEXT_OFFSET + AesGcm.TAG_BYTES || envelope[0] != VERSION) {
            throw VaultCryptoException.decryptionFailed();
        }
        return ByteBuffer.wrap(envelope, 1, Integer.BYTES).getInt();
    }

    /** The plaintext of {@code envelope}, sealed under {@code dek} for {@code binding}. */
    public static byte[] open(SecretKey dek, SecretBinding binding, byte[] envelope) {
        keyIdOf(envelope);
        byte[] header = Arrays.copyOfRange(envelope, 0, HEADER_BYTES);
        byte[] iv = Arrays.copyOfRange(envelope, HEADER_BYTES, CIPHERTEXT_OFFSET);
        return AesGcm.open(dek, iv, aad(header, binding), envelope, CIPHERTEXT_OFFSET);
    }

    static byte[] header(int keyId) {
        return ByteBuffer.allocate(HEADER_BYTES).put(VERSION).putInt(keyId).array();
    }

    static byte[] aad(byte[] header, SecretBinding binding) {
        return new LengthPrefixed().raw(header).label(AAD_LABEL)
                .field(binding.tenant().value()).field(binding.provider())
                .field(binding.subject()).field(binding.purpose().name())
                .toByteArray();
    }
}
