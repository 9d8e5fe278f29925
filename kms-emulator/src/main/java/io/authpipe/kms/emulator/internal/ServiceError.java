package io.authpipe.kms.emulator.internal;

/**
 * A KMS error answered as HTTP 400 with {@code {"__type":code,"message":message}}. The AWS SDK picks its
 * exception class from {@code __type}. Messages name keys and fields, never plaintext, key material or blobs.
 * Client errors are never answered with 5xx: the SDK would retry them.
 */
public final class ServiceError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    ServiceError(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The AWS error code, e.g. {@code NotFoundException}. */
    public String code() {
        return code;
    }

    static ServiceError notFound(String message) {
        return new ServiceError("NotFoundException", message);
    }

    static ServiceError validation(String message) {
        return new ServiceError("ValidationException", message);
    }

    static ServiceError invalidCiphertext() {
        return new ServiceError("InvalidCiphertextException", "The ciphertext cannot be decrypted.");
    }

    static ServiceError incorrectKey() {
        return new ServiceError("IncorrectKeyException",
                "The key ID in the request does not identify the key that encrypted the ciphertext.");
    }

    static ServiceError disabled(String keyArn) {
        return new ServiceError("DisabledException", keyArn + " is disabled.");
    }

    static ServiceError invalidState(String message) {
        return new ServiceError("KMSInvalidStateException", message);
    }

    static ServiceError alreadyExists(String message) {
        return new ServiceError("AlreadyExistsException", message);
    }

    static ServiceError serialization(String message) {
        return new ServiceError("SerializationException", message);
    }

    static ServiceError unknownOperation(String target) {
        return new ServiceError("UnknownOperationException", "Unknown operation " + target);
    }

    static ServiceError incompleteSignature(String message) {
        return new ServiceError("IncompleteSignatureException", message);
    }
}
