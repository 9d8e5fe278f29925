package io.authpipe.kms.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * GenerateDataKey and GenerateDataKeyWithoutPlaintext: a fresh random data key, sealed under a KMS key.
 * Its length comes from exactly one of {@code KeySpec} ({@code AES_256}, {@code AES_128}) or
 * {@code NumberOfBytes} (1..1024).
 */
final class DataKeyOperations {

    static final int MAX_NUMBER_OF_BYTES = 1024;

    private final KeyCrypto crypto;
    private final SecureRandom random;

    DataKeyOperations(KeyCrypto crypto, SecureRandom random) {
        this.crypto = crypto;
        this.random = random;
    }

    void registerIn(OperationTable table) {
        table.add("GenerateDataKey", request -> generate(request, true))
                .add("GenerateDataKeyWithoutPlaintext", request -> generate(request, false));
    }

    private ObjectNode generate(JsonRequest request, boolean withPlaintext) {
        String keyId = request.requiredString("KeyId");
        byte[] dataKey = new byte[length(request.optionalString("KeySpec"), request.optionalInt("NumberOfBytes"))];
        random.nextBytes(dataKey);
        try {
            KeyCrypto.Sealed sealed = crypto.seal(keyId, dataKey,
                    CryptoOperations.context(request, "EncryptionContext"));
            ObjectNode response = Json.object()
                    .put("CiphertextBlob", Json.base64(sealed.blob().toBytes()))
                    .put("KeyId", sealed.key().arn());
            return withPlaintext ? response.put("Plaintext", Json.base64(dataKey)) : response;
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private static int length(Optional<String> keySpec, Optional<Integer> numberOfBytes) {
        if (keySpec.isPresent() == numberOfBytes.isPresent()) {
            throw ServiceError.validation("Specify either KeySpec or NumberOfBytes, but not both.");
        }
        if (numberOfBytes.isPresent()) {
            int bytes = numberOfBytes.get();
            if (bytes < 1 || bytes > MAX_NUMBER_OF_BYTES) {
                throw ServiceError.validation("1 validation error detected: Value '" + bytes + "' at "
                        + "'numberOfBytes' failed to satisfy constraint: Member must have value between 1 and "
                        + MAX_NUMBER_OF_BYTES);
            }
            return bytes;
        }
        return switch (keySpec.get()) {
            case "AES_256" -> 32;
            case "AES_128" -> 16;
            default -> throw ServiceError.validation("1 validation error detected: Value '" + keySpec.get()
                    + "' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[AES_256, AES_128]");
        };
    }
}
