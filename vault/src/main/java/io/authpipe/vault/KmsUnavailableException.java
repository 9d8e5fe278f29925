package io.authpipe.vault;

/**
 * The key management service could not serve a request now: I/O error, timeout, HTTP 5xx, throttling.
 *
 * <p><b>Retryable</b> with backoff: the data and the key are fine, the KMS is not. Callers leave the record untouched
 * and try again later (a refresh is postponed, not failed). {@code ResilientKms} already retried within its budget
 * before this reaches the vault's callers. Contrast {@link VaultCryptoException} and {@link KmsKeyUnusableException},
 * which are permanent.
 *
 * <p>The message names the KMS and the operation, e.g. {@code "KMS unavailable (GenerateDataKey): HTTP 500
 * KMSInternalException"}; never key material, wrapped keys or secrets.
 */
public class KmsUnavailableException extends RuntimeException {

    /**
     * @param message what failed, starting with {@code "KMS unavailable (<operation>)"}
     * @param cause   the transport or service exception, or null
     */
    public KmsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code "KMS unavailable (<operation>): <detail>"}. */
    public static KmsUnavailableException of(String operation, String detail, Throwable cause) {
        return new KmsUnavailableException("KMS unavailable (" + operation + "): " + detail, cause);
    }
}
