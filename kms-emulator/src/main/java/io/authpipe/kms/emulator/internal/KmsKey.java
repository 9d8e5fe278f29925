package io.authpipe.kms.emulator.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One symmetric KMS key: its versions of key material, its state and its tags. State checks and changes are
 * atomic (every method holds this key's lock). Key material never leaves through {@link #toString()}.
 */
final class KmsKey {

    private final UUID id;
    private final String arn;
    private final Instant creationDate;
    private final String description;
    private final List<KeyMaterial> materials = new ArrayList<>();
    private final Map<String, String> tags = new TreeMap<>();
    private KeyState state = KeyState.ENABLED;
    private Instant deletionDate;

    KmsKey(UUID id, String arn, Instant creationDate, String description, KeyMaterial first) {
        this.id = id;
        this.arn = arn;
        this.creationDate = creationDate;
        this.description = description;
        this.materials.add(first);
    }

    UUID id() {
        return id;
    }

    String arn() {
        return arn;
    }

    /** The newest material, for a new encryption. Throws if the key is disabled or pending deletion. */
    synchronized KeyMaterial newestMaterial() {
        requireUsable();
        return materials.get(materials.size() - 1);
    }

    /** The material of a blob. Throws if the key is not usable, InvalidCiphertext if the version is unknown. */
    synchronized KeyMaterial material(int version) {
        requireUsable();
        if (version < 1 || version > materials.size()) {
            throw ServiceError.invalidCiphertext();
        }
        return materials.get(version - 1);
    }

    synchronized int rotate(SecureRandom random) {
        requireUsable();
        materials.add(KeyMaterial.generate(materials.size() + 1, random));
        return materials.size();
    }

    synchronized void enabled(boolean enabled) {
        requireNotPendingDeletion();
        state = enabled ? KeyState.ENABLED : KeyState.DISABLED;
    }

    synchronized void scheduleDeletion(Instant when) {
        requireNotPendingDeletion();
        state = KeyState.PENDING_DELETION;
        deletionDate = when;
    }

    /** Cancels a scheduled deletion; like AWS KMS, the key comes back disabled. */
    synchronized void cancelDeletion() {
        if (state != KeyState.PENDING_DELETION) {
            throw ServiceError.invalidState(arn + " is not pending deletion.");
        }
        state = KeyState.DISABLED;
        deletionDate = null;
    }

    /** Whether the deletion date has come; the registry then forgets the key. */
    synchronized boolean deletionDue(Instant now) {
        return state == KeyState.PENDING_DELETION && !now.isBefore(deletionDate);
    }

    /** Drops all key material, once the key is deleted. */
    synchronized void destroy() {
        materials.clear();
    }

    synchronized void tag(Map<String, String> newTags) {
        requireNotPendingDeletion();
        tags.putAll(newTags);
    }

    synchronized void untag(Collection<String> tagKeys) {
        requireNotPendingDeletion();
        tags.keySet().removeAll(tagKeys);
    }

    synchronized Map<String, String> tags() {
        return new TreeMap<>(tags);
    }

    synchronized KeyMetadata metadata() {
        return new KeyMetadata(id, arn, creationDate, description, state, Optional.ofNullable(deletionDate));
    }

    private void requireUsable() {
        requireNotPendingDeletion();
        if (state == KeyState.DISABLED) {
            throw ServiceError.disabled(arn);
        }
    }

    private void requireNotPendingDeletion() {
        if (state == KeyState.PENDING_DELETION) {
            throw ServiceError.invalidState(arn + " is pending deletion.");
        }
    }

    @Override
    public String toString() {
        return "KmsKey[" + arn + "]";
    }
}
