package io.authpipe.kms.emulator.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM sealing of plaintext into a {@link CiphertextBlob} under one version of a key's material, with
 * the blob header and the EncryptionContext as additional authenticated data. Thread-safe.
 */
final class EnvelopeCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecureRandom random;

    EnvelopeCipher(SecureRandom random) {
        this.random = random;
    }

    CiphertextBlob seal(UUID keyId, KeyMaterial material, byte[] plaintext, EncryptionContext context) {
        byte[] iv = new byte[CiphertextBlob.IV_BYTES];
        random.nextBytes(iv);
        byte[] header = CiphertextBlob.header(keyId, material.version());
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, material, iv, header, context);
            return new CiphertextBlob(keyId, material.version(), iv, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * Opens a blob sealed under {@code material}.
     *
     * @throws ServiceError InvalidCiphertextException if the blob or the context do not authenticate
     */
    byte[] open(CiphertextBlob blob, KeyMaterial material, EncryptionContext context) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, material, blob.iv(), blob.header(), context);
            return cipher.doFinal(blob.sealed());
        } catch (AEADBadTagException e) {
            throw ServiceError.invalidCiphertext();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private static Cipher cipher(int mode, KeyMaterial material, byte[] iv, byte[] header,
            EncryptionContext context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, material.key(), new GCMParameterSpec(CiphertextBlob.TAG_BYTES * 8, iv));
        byte[] contextBytes = context.canonicalBytes();
        cipher.updateAAD(ByteBuffer.allocate(header.length + contextBytes.length).put(header).put(contextBytes)
                .array());
        return cipher;
    }
}
