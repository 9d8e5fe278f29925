package io.authpipe.vault.internal;

import io.authpipe.vault.VaultCryptoException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * Wrapped-key format version 1 of the embedded KMSs (local key file, in memory), also in {@code vault/ENVELOPE.md}:
 *
 * <pre>
 * offset 0   1 byte   wrap format version = 0x01
 * offset 1   12 bytes GCM IV (random per wrap, SecureRandom)
 * offset 13  48 bytes AES-256-GCM ciphertext of the 32-byte DEK under the KEK, followed by the 16-byte tag
 *
 * AAD = 0x01 || canonical encoding of the encryption context ({@link EncryptionContext#canonicalBytes()})
 * </pre>
 *
 * Exactly 61 bytes. Any other length or version, another KEK, or another context fails opaquely.
 */
public final class KeyWrapV1 {
    /** The version byte. */
    public static final byte VERSION = 0x01;
    /** Length of every v1 wrapped key. */
    public static final int WRAPPED_BYTES = 1 + AesGcm.IV_BYTES + AesGcm.KEY_BYTES + AesGcm.TAG_BYTES;

    private KeyWrapV1() {
    }

    /** Wraps {@code dek} under {@code kek} with a fresh random IV. */
    public static byte[] wrap(SecretKey kek, EncryptionContext context, byte[] dek) {
        return wrap(kek, context, AesGcm.randomBytes(AesGcm.IV_BYTES), dek);
    }

    /** Wraps with a given IV. Only for known-answer tests: an IV must never repeat under one key. */
    static byte[] wrap(SecretKey kek, EncryptionContext context, byte[] iv, byte[] dek) {
        byte[] sealed = AesGcm.seal(kek, iv, aad(context), dek);
        return ByteBuffer.allocate(WRAPPED_BYTES).put(VERSION).put(iv).put(sealed).array();
    }

    /** The DEK in {@code wrapped}, if it was wrapped under {@code kek} with exactly {@code context}. */
    public static byte[] unwrap(SecretKey kek, EncryptionContext context, byte[] wrapped) {
        if (wrapped.length != WRAPPED_BYTES || wrapped[0] != VERSION) {
            throw VaultCryptoException.decryptionFailed();
        }
        byte[] iv = Arrays.copyOfRange(wrapped, 1, 1 + AesGcm.IV_BYTES);
        return AesGcm.open(kek, iv, aad(context), wrapped, 1 + AesGcm.IV_BYTES);
    }

    private static byte[] aad(EncryptionContext context) {
        return new LengthPrefixed().raw(new byte[] {VERSION}).raw(context.canonicalBytes()).toByteArray();
    }
}
