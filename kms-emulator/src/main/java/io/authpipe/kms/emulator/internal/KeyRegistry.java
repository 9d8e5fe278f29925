package io.authpipe.kms.emulator.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * All keys and aliases of the emulated account, in memory. Keys pending deletion whose deletion date has come
 * (by the injected clock) are forgotten, with their material and aliases, before any lookup; their ids stay
 * known so that their blobs get NotFoundException rather than InvalidCiphertextException. Thread-safe.
 */
final class KeyRegistry {

    private final Account account;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<UUID, KmsKey> keys = new HashMap<>();
    private final Set<UUID> deleted = new HashSet<>();
    private final AliasTable aliases = new AliasTable();

    KeyRegistry(Account account, Clock clock, SecureRandom random) {
        this.account = account;
        this.clock = clock;
        this.random = random;
    }

    Account account() {
        return account;
    }

    Instant now() {
        return clock.instant();
    }

    synchronized KmsKey create(String description, Map<String, String> tags) {
        UUID id = UUID.randomUUID();
        KmsKey key = new KmsKey(id, account.keyArn(id), now(), description, KeyMaterial.generate(1, random));
        key.tag(tags);
        keys.put(id, key);
        return key;
    }

    /** The key a KeyId parameter names (id, key ARN, alias name or alias ARN); NotFoundException if none. */
    synchronized KmsKey resolve(String keyIdOrAlias) {
        purgeDue();
        Account.KeyReference reference = account.parse(keyIdOrAlias);
        UUID id = reference instanceof Account.KeyReference.Alias alias
                ? aliases.target(alias.name()).orElseThrow(() -> notFound(keyIdOrAlias))
                : ((Account.KeyReference.Key) reference).id();
        KmsKey key = keys.get(id);
        if (key == null) {
            throw notFound(keyIdOrAlias);
        }
        return key;
    }

    /** The key a blob names: NotFoundException if it was deleted, InvalidCiphertextException if never known. */
    synchronized KmsKey forBlob(UUID keyId) {
        purgeDue();
        KmsKey key = keys.get(keyId);
        if (key != null) {
            return key;
        }
        throw deleted.contains(keyId) ? notFound(account.keyArn(keyId)) : ServiceError.invalidCiphertext();
    }

    synchronized void createAlias(String aliasName, String targetKeyId) {
        aliases.create(aliasName, aliasTarget(targetKeyId), now());
    }

    synchronized void updateAlias(String aliasName, String targetKeyId) {
        aliases.update(aliasName, aliasTarget(targetKeyId), now());
    }

    synchronized void deleteAlias(String aliasName) {
        purgeDue();
        aliases.delete(aliasName);
    }

    synchronized List<AliasTable.Entry> aliases() {
        purgeDue();
        return aliases.all();
    }

    /** Alias targets must be a key id or key ARN, as in AWS KMS. */
    private UUID aliasTarget(String targetKeyId) {
        if (account.parse(targetKeyId) instanceof Account.KeyReference.Alias) {
            throw ServiceError.validation("TargetKeyId must be a key ID or key ARN, not an alias.");
        }
        return resolve(targetKeyId).id();
    }

    private void purgeDue() {
        Instant now = now();
        keys.values().removeIf(key -> {
            if (!key.deletionDue(now)) {
                return false;
            }
            key.destroy();
            deleted.add(key.id());
            aliases.deleteAliasesOf(key.id());
            return true;
        });
    }

    private static ServiceError notFound(String keyIdOrAlias) {
        return ServiceError.notFound("Key '" + keyIdOrAlias + "' does not exist");
    }
}
