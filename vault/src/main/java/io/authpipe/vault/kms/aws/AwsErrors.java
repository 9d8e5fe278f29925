package io.authpipe.vault.kms.aws;

import io.authpipe.vault.KmsKeyNotFoundException;
import io.authpipe.vault.KmsKeyUnusableException;
import io.authpipe.vault.KmsUnavailableException;
import io.authpipe.vault.VaultCryptoException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.kms.model.DependencyTimeoutException;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyUnavailableException;
import software.amazon.awssdk.services.kms.model.KmsInternalException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * Maps AWS SDK exceptions onto the vault's three kinds of failure:
 * <ul>
 *   <li>{@code InvalidCiphertextException}, {@code IncorrectKeyException} → {@link VaultCryptoException}, opaque,
 *       without the cause;</li>
 *   <li>{@code NotFoundException} → {@link KmsKeyNotFoundException}; {@code DisabledException},
 *       {@code KMSInvalidStateException} (pending deletion), {@code InvalidKeyUsageException},
 *       {@code AccessDeniedException} and other 4xx → {@link KmsKeyUnusableException} (permanent);</li>
 *   <li>throttling, 5xx, {@code KMSInternalException}, {@code DependencyTimeoutException},
 *       {@code KeyUnavailableException}, and every client-side failure (I/O, timeouts: {@code SdkClientException})
 *       → {@link KmsUnavailableException} (transient).</li>
 * </ul>
 * Messages carry the operation, the key, the HTTP status and the AWS error code; never request or response bodies.
 */
final class AwsErrors {
    private AwsErrors() {
    }

    static RuntimeException map(String operation, String key, SdkException e) {
        if (e instanceof InvalidCiphertextException || e instanceof IncorrectKeyException) {
            return VaultCryptoException.decryptionFailed();
        }
        if (e instanceof NotFoundException) {
            return new KmsKeyNotFoundException(operation, key, e);
        }
        if (e instanceof SdkServiceException service && isTransient(service)) {
            return KmsUnavailableException.of(operation, "HTTP " + service.statusCode() + " " + code(service), e);
        }
        if (e instanceof DisabledException || e instanceof KmsInvalidStateException
                || e instanceof InvalidKeyUsageException || e instanceof SdkServiceException) {
            return KmsKeyUnusableException.of(operation, key, code(e), e);
        }
        return KmsUnavailableException.of(operation, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    private static boolean isTransient(SdkServiceException e) {
        return e.isThrottlingException() || e.statusCode() >= 500 || "ThrottlingException".equals(code(e))
                || e instanceof KmsInternalException || e instanceof DependencyTimeoutException
                || e instanceof KeyUnavailableException;
    }

    private static String code(SdkException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null && aws.awsErrorDetails().errorCode() != null) {
            return aws.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }
}
