package io.authpipe.kms.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.UUID;

/**
 * CreateAlias, UpdateAlias, DeleteAlias and ListAliases (one page, optionally filtered by KeyId). As in AWS
 * KMS, {@code TargetKeyId} in ListAliases is the key id, not the key ARN.
 */
final class AliasOperations {

    private final KeyRegistry registry;

    AliasOperations(KeyRegistry registry) {
        this.registry = registry;
    }

    void registerIn(OperationTable table) {
        table.add("CreateAlias", this::create)
                .add("UpdateAlias", this::update)
                .add("DeleteAlias", this::delete)
                .add("ListAliases", this::list);
    }

    private ObjectNode create(JsonRequest request) {
        registry.createAlias(request.requiredString("AliasName"), request.requiredString("TargetKeyId"));
        return Json.object();
    }

    private ObjectNode update(JsonRequest request) {
        registry.updateAlias(request.requiredString("AliasName"), request.requiredString("TargetKeyId"));
        return Json.object();
    }

    private ObjectNode delete(JsonRequest request) {
        registry.deleteAlias(request.requiredString("AliasName"));
        return Json.object();
    }

    private ObjectNode list(JsonRequest request) {
        Optional<UUID> keyFilter = request.optionalString("KeyId").map(keyId -> registry.resolve(keyId).id());
        ObjectNode response = Json.object().put("Truncated", false);
        ArrayNode aliases = response.putArray("Aliases");
        registry.aliases().stream()
                .filter(alias -> keyFilter.map(alias.target()::equals).orElse(true))
                .forEach(alias -> aliases.addObject()
                        .put("AliasName", alias.name())
                        .put("AliasArn", registry.account().aliasArn(alias.name()))
                        .put("TargetKeyId", alias.target().toString())
                        .put("CreationDate", Json.timestamp(alias.created()))
                        .put("LastUpdatedDate", Json.timestamp(alias.updated())));
        return response;
    }
}
