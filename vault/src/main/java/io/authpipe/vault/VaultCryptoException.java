package io.authpipe.vault;

/**
 * A ciphertext or wrapped data key could not be opened, or a secret could not be sealed.
 *
 * <p>Deliberately opaque: the message is exactly {@code "decryption failed"} or {@code "encryption failed"}. It never
 * says which check failed (wrong tenant, tampered byte, unknown key id, foreign key-encryption key) and never carries
 * plaintext, key material or ciphertext, so it is safe to log and gives an attacker no oracle.
 *
 * <p><b>Not retryable.</b> The same input fails the same way every time; retrying only burns KMS calls. Treat it as
 * a permanent failure of that one record. Infrastructure failures of the KMS are {@link KmsUnavailableException}
 * (transient) and {@link KmsKeyUnusableException} (permanent, names the key).
 */
public class VaultCryptoException extends RuntimeException {
    static final String DECRYPTION_FAILED = "decryption failed";
    static final String ENCRYPTION_FAILED = "encryption failed";

    private VaultCryptoException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The one failure of every open or unwrap: no cause is attached, so nothing says why. */
    public static VaultCryptoException decryptionFailed() {
        return new VaultCryptoException(DECRYPTION_FAILED, null);
    }

    /**
     * Sealing failed: the JCE provider is broken or misconfigured (the cause is its exception; JCE messages carry no
     * key or plaintext bytes), or the KMS generated a data key under another key than asked (no cause).
     */
    public static VaultCryptoException encryptionFailed(Throwable cause) {
        return new VaultCryptoException(ENCRYPTION_FAILED, cause);
    }
}
