package io.authpipe.kms.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/**
 * ScheduleKeyDeletion and CancelKeyDeletion. A key pending deletion cannot be used; once its deletion date
 * has come (by the injected clock) the registry forgets it and its material.
 */
final class DeletionOperations {

    static final int MIN_WINDOW_DAYS = 7;
    static final int MAX_WINDOW_DAYS = 30;

    private final KeyRegistry registry;

    DeletionOperations(KeyRegistry registry) {
        this.registry = registry;
    }

    void registerIn(OperationTable table) {
        table.add("ScheduleKeyDeletion", this::schedule).add("CancelKeyDeletion", this::cancel);
    }

    private ObjectNode schedule(JsonRequest request) {
        String keyId = request.requiredString("KeyId");
        int days = request.optionalInt("PendingWindowInDays").orElse(MAX_WINDOW_DAYS);
        if (days < MIN_WINDOW_DAYS || days > MAX_WINDOW_DAYS) {
            throw ServiceError.validation("1 validation error detected: Value '" + days + "' at "
                    + "'pendingWindowInDays' failed to satisfy constraint: Member must have value between "
                    + MIN_WINDOW_DAYS + " and " + MAX_WINDOW_DAYS);
        }
        KmsKey key = registry.resolve(keyId);
        Instant deletionDate = registry.now().plus(Duration.ofDays(days));
        key.scheduleDeletion(deletionDate);
        return Json.object()
                .put("KeyId", key.arn())
                .put("DeletionDate", Json.timestamp(deletionDate))
                .put("KeyState", KeyState.PENDING_DELETION.wireName())
                .put("PendingWindowInDays", days);
    }

    private ObjectNode cancel(JsonRequest request) {
        KmsKey key = registry.resolve(request.requiredString("KeyId"));
        key.cancelDeletion();
        return Json.object().put("KeyId", key.arn());
    }
}
