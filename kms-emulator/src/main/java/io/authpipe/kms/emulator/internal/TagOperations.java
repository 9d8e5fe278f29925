package io.authpipe.kms.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** TagResource, UntagResource and ListResourceTags (one page, tags in key order). */
final class TagOperations {

    private final KeyRegistry registry;

    TagOperations(KeyRegistry registry) {
        this.registry = registry;
    }

    void registerIn(OperationTable table) {
        table.add("TagResource", this::tag).add("UntagResource", this::untag).add("ListResourceTags", this::list);
    }

    private ObjectNode tag(JsonRequest request) {
        String keyId = request.requiredString("KeyId");
        Map<String, String> tags = request.tags("Tags");
        if (tags.isEmpty()) {
            throw ServiceError.validation("Tags must not be empty.");
        }
        registry.resolve(keyId).tag(tags);
        return Json.object();
    }

    private ObjectNode untag(JsonRequest request) {
        registry.resolve(request.requiredString("KeyId")).untag(request.strings("TagKeys"));
        return Json.object();
    }

    private ObjectNode list(JsonRequest request) {
        Map<String, String> tags = registry.resolve(request.requiredString("KeyId")).tags();
        ObjectNode response = Json.object().put("Truncated", false);
        ArrayNode array = response.putArray("Tags");
        tags.forEach((key, value) -> array.addObject().put("TagKey", key).put("TagValue", value));
        return response;
    }
}
