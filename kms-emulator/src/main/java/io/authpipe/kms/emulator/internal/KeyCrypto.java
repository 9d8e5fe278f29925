package io.authpipe.kms.emulator.internal;

import java.util.Optional;

/**
 * Sealing plaintext under a named key and opening blobs, with every check AWS KMS makes, in its order:
 * the named key exists, the blob is well formed, it belongs to the named key, its key still exists and is
 * usable, its material version exists, and the EncryptionContext authenticates.
 */
final class KeyCrypto {

    /** Plaintext sealed under {@code key}. */
    record Sealed(KmsKey key, CiphertextBlob blob) {
    }

    /** A blob opened: the key it was sealed under and the plaintext (the caller zeroes it after use). */
    record Opened(KmsKey key, byte[] plaintext) {
        @Override
        public String toString() {
            return "Opened[" + key.arn() + ", plaintext=[redacted]]";
        }
    }

    private final KeyRegistry registry;
    private final EnvelopeCipher cipher;

    KeyCrypto(KeyRegistry registry, EnvelopeCipher cipher) {
        this.registry = registry;
        this.cipher = cipher;
    }

    /** Seals under the newest material of the key {@code keyId} names (id, ARN, alias or alias ARN). */
    Sealed seal(String keyId, byte[] plaintext, EncryptionContext context) {
        KmsKey key = registry.resolve(keyId);
        return new Sealed(key, cipher.seal(key.id(), key.newestMaterial(), plaintext, context));
    }

    /**
     * Opens a blob.
     *
     * @param expectedKeyId the KeyId of the request, if it named one: the blob must belong to that key
     */
    Opened open(byte[] blobBytes, EncryptionContext context, Optional<String> expectedKeyId) {
        Optional<KmsKey> expected = expectedKeyId.map(registry::resolve);
        CiphertextBlob blob = CiphertextBlob.parse(blobBytes);
        if (expected.isPresent() && !expected.get().id().equals(blob.keyId())) {
            throw ServiceError.incorrectKey();
        }
        KmsKey key = registry.forBlob(blob.keyId());
        KeyMaterial material = key.material(blob.materialVersion());
        return new Opened(key, cipher.open(blob, material, context));
    }
}
