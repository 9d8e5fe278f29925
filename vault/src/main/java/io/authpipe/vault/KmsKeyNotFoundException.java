package io.authpipe.vault;

/**
 * The KMS knows no key by that name (or no longer: destroyed). A {@link KmsKeyUnusableException}: permanent, not
 * retryable. Thrown by {@link Kms#resolve} for an unknown id or alias, and by the other operations for an unknown key.
 */
public class KmsKeyNotFoundException extends KmsKeyUnusableException {

    /**
     * @param operation the KMS operation, e.g. {@code DescribeKey}
     * @param key       the name that was not found
     * @param cause     the service exception, or null
     */
    public KmsKeyNotFoundException(String operation, String key, Throwable cause) {
        super("KMS key not found (" + operation + "): " + key, cause);
    }
}
