package io.authpipe.kms.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/** Encrypt, Decrypt and ReEncrypt with symmetric keys (algorithm {@code SYMMETRIC_DEFAULT}). */
final class CryptoOperations {

    static final String ALGORITHM = "SYMMETRIC_DEFAULT";
    static final int MAX_PLAINTEXT_BYTES = 4096;

    private final KeyCrypto crypto;

    CryptoOperations(KeyCrypto crypto) {
        this.crypto = crypto;
    }

    void registerIn(OperationTable table) {
        table.add("Encrypt", this::encrypt).add("Decrypt", this::decrypt).add("ReEncrypt", this::reEncrypt);
    }

    private ObjectNode encrypt(JsonRequest request) {
        String keyId = request.requiredString("KeyId");
        byte[] plaintext = request.requiredBlob("Plaintext");
        requireSymmetric(request, "EncryptionAlgorithm");
        try {
            if (plaintext.length > MAX_PLAINTEXT_BYTES) {
                throw ServiceError.validation("1 validation error detected: Value at 'plaintext' failed to "
                        + "satisfy constraint: Member must have length less than or equal to " + MAX_PLAINTEXT_BYTES);
            }
            KeyCrypto.Sealed sealed = crypto.seal(keyId, plaintext, context(request, "EncryptionContext"));
            return Json.object()
                    .put("CiphertextBlob", Json.base64(sealed.blob().toBytes()))
                    .put("KeyId", sealed.key().arn())
                    .put("EncryptionAlgorithm", ALGORITHM);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private ObjectNode decrypt(JsonRequest request) {
        byte[] blob = request.requiredBlob("CiphertextBlob");
        requireSymmetric(request, "EncryptionAlgorithm");
        KeyCrypto.Opened opened = crypto.open(blob, context(request, "EncryptionContext"),
                request.optionalString("KeyId"));
        try {
            return Json.object()
                    .put("KeyId", opened.key().arn())
                    .put("Plaintext", Json.base64(opened.plaintext()))
                    .put("EncryptionAlgorithm", ALGORITHM);
        } finally {
            Arrays.fill(opened.plaintext(), (byte) 0);
        }
    }

    private ObjectNode reEncrypt(JsonRequest request) {
        byte[] blob = request.requiredBlob("CiphertextBlob");
        String destinationKeyId = request.requiredString("DestinationKeyId");
        requireSymmetric(request, "SourceEncryptionAlgorithm");
        requireSymmetric(request, "DestinationEncryptionAlgorithm");
        KeyCrypto.Opened source = crypto.open(blob, context(request, "SourceEncryptionContext"),
                request.optionalString("SourceKeyId"));
        try {
            KeyCrypto.Sealed destination = crypto.seal(destinationKeyId, source.plaintext(),
                    context(request, "DestinationEncryptionContext"));
            return Json.object()
                    .put("CiphertextBlob", Json.base64(destination.blob().toBytes()))
                    .put("SourceKeyId", source.key().arn())
                    .put("KeyId", destination.key().arn())
                    .put("SourceEncryptionAlgorithm", ALGORITHM)
                    .put("DestinationEncryptionAlgorithm", ALGORITHM);
        } finally {
            Arrays.fill(source.plaintext(), (byte) 0);
        }
    }

    static EncryptionContext context(JsonRequest request, String member) {
        return new EncryptionContext(request.stringMap(member));
    }

    private static void requireSymmetric(JsonRequest request, String member) {
        request.optionalString(member).filter(value -> !value.equals(ALGORITHM)).ifPresent(value -> {
            throw new ServiceError("InvalidKeyUsageException", "Symmetric keys support only " + ALGORITHM + ".");
        });
    }
}
