package io.authpipe.vault.internal;

import io.authpipe.vault.VaultCryptoException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a 12-byte IV and a 16-byte tag, the one cipher of the vault (envelopes and local key wrapping).
 * Failures surface as {@link VaultCryptoException} only.
 */
public final class AesGcm {
    /** Key length: AES-256. */
    public static final int KEY_BYTES = 32;
    /** IV length: 96 bits, the GCM default (NIST SP 800-38D §5.2.1.1). */
    public static final int IV_BYTES = 12;
    /** Authentication tag length: 128 bits. */
    public static final int TAG_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {
    }

    /** A key over a copy of {@code bytes}, which must be {@link #KEY_BYTES} long. */
    public static SecretKey key(byte[] bytes) {
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 key must be " + KEY_BYTES + " bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** {@code n} bytes from the shared {@link SecureRandom}: fresh keys and IVs. */
    public static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Ciphertext followed by the tag. */
    public static byte[] seal(SecretKey key, byte[] iv, byte[] aad, byte[] plaintext) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, key, iv, aad).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw VaultCryptoException.encryptionFailed(e);
        }
    }

    /** The plaintext of {@code sealed} (ciphertext followed by tag); fails opaquely on any mismatch. */
    public static byte[] open(SecretKey key, byte[] iv, byte[] aad, byte[] sealed, int offset) {
        try {
            return cipher(Cipher.DECRYPT_MODE, key, iv, aad).doFinal(sealed, offset, sealed.length - offset);
        } catch (GeneralSecurityException e) {
            throw VaultCryptoException.decryptionFailed();
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] iv, byte[] aad) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, iv));
        cipher.updateAAD(aad);
        return cipher;
    }
}
