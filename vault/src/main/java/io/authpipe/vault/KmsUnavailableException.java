package io.authpipe.vault;

/**
 * The key management service could not be reached or answered with an infrastructure error (timeout, throttling,
 * 5xx, missing credentials, disabled key).
 *
 * <p><b>Retryable</b> with backoff: the data is fine, the KMS is not. Callers should leave the record untouched and try
 * again later (for example, a refresh is postponed, not failed). Contrast {@link VaultCryptoException}, which is
 * permanent. Messages name the operation and the key reference, never key material or secrets.
 *
 * <p>The embedded KMS implementations ({@code LocalKeyFileKms}, {@code InMemoryKms}) hold their key in memory and
 * never throw it; remote implementations (AWS KMS) do.
 */
public class KmsUnavailableException extends RuntimeException {

    /**
     * @param message what was attempted, e.g. {@code "KMS GenerateDataKey failed for key arn:aws:kms:..."}
     * @param cause   the transport or service exception
     */
    public KmsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
