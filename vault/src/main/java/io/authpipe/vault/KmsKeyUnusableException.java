package io.authpipe.vault;

/**
 * A key-encryption key cannot be used: disabled, pending deletion, destroyed (crypto-shredded), unknown, or access to
 * it is denied.
 *
 * <p><b>Not retryable</b>: the same call fails the same way until an operator acts (enables the key, cancels its
 * deletion, fixes the key policy). A tenant whose key was destroyed stays undecryptable for good. Contrast
 * {@link KmsUnavailableException} (transient) and {@link VaultCryptoException} (the data itself does not open).
 *
 * <p>The message names the KMS, the operation and the key ref, e.g. {@code "KMS key unusable (Decrypt,
 * arn:aws:kms:...:key/...): DisabledException"}; never key material or secrets.
 */
public class KmsKeyUnusableException extends RuntimeException {

    /**
     * @param message what failed, starting with {@code "KMS key unusable"} or similar
     * @param cause   the service exception, or null
     */
    public KmsKeyUnusableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code "KMS key unusable (<operation>, <key>): <reason>"}. */
    public static KmsKeyUnusableException of(String operation, String key, String reason, Throwable cause) {
        return new KmsKeyUnusableException("KMS key unusable (" + operation + ", " + key + "): " + reason, cause);
    }
}
