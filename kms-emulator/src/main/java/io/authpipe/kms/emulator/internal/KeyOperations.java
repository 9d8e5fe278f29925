package io.authpipe.kms.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;

/** CreateKey, DescribeKey, EnableKey, DisableKey and RotateKeyOnDemand. Symmetric keys only. */
final class KeyOperations {

    private static final String SYMMETRIC = "SYMMETRIC_DEFAULT";

    private final KeyRegistry registry;
    private final SecureRandom random;

    KeyOperations(KeyRegistry registry, SecureRandom random) {
        this.registry = registry;
        this.random = random;
    }

    void registerIn(OperationTable table) {
        table.add("CreateKey", this::createKey)
                .add("DescribeKey", this::describeKey)
                .add("EnableKey", request -> enable(request, true))
                .add("DisableKey", request -> enable(request, false))
                .add("RotateKeyOnDemand", this::rotate);
    }

    private ObjectNode createKey(JsonRequest request) {
        requireOneOf(request, "KeyUsage", "ENCRYPT_DECRYPT");
        requireOneOf(request, "KeySpec", SYMMETRIC);
        requireOneOf(request, "CustomerMasterKeySpec", SYMMETRIC);
        requireOneOf(request, "Origin", "AWS_KMS");
        String description = request.optionalString("Description").orElse("");
        KmsKey key = registry.create(description, request.tags("Tags"));
        return metadataResponse(key);
    }

    private ObjectNode describeKey(JsonRequest request) {
        return metadataResponse(registry.resolve(request.requiredString("KeyId")));
    }

    private ObjectNode enable(JsonRequest request, boolean enabled) {
        registry.resolve(request.requiredString("KeyId")).enabled(enabled);
        return Json.object();
    }

    private ObjectNode rotate(JsonRequest request) {
        KmsKey key = registry.resolve(request.requiredString("KeyId"));
        key.rotate(random);
        return Json.object().put("KeyId", key.arn());
    }

    private ObjectNode metadataResponse(KmsKey key) {
        ObjectNode response = Json.object();
        response.set("KeyMetadata", metadataJson(key.metadata()));
        return response;
    }

    private ObjectNode metadataJson(KeyMetadata metadata) {
        ObjectNode json = Json.object()
                .put("AWSAccountId", registry.account().accountId())
                .put("KeyId", metadata.id().toString())
                .put("Arn", metadata.arn())
                .put("CreationDate", Json.timestamp(metadata.creationDate()))
                .put("Enabled", metadata.state() == KeyState.ENABLED)
                .put("Description", metadata.description())
                .put("KeyUsage", "ENCRYPT_DECRYPT")
                .put("KeyState", metadata.state().wireName())
                .put("Origin", "AWS_KMS")
                .put("KeyManager", "CUSTOMER")
                .put("CustomerMasterKeySpec", SYMMETRIC)
                .put("KeySpec", SYMMETRIC)
                .put("MultiRegion", false);
        json.putArray("EncryptionAlgorithms").add(SYMMETRIC);
        metadata.deletionDate().ifPresent(date -> json.put("DeletionDate", Json.timestamp(date)));
        return json;
    }

    private static void requireOneOf(JsonRequest request, String member, String supported) {
        request.optionalString(member).filter(value -> !value.equals(supported)).ifPresent(value -> {
            throw ServiceError.validation("The emulator supports only " + member + " " + supported + ".");
        });
    }
}
