package io.authpipe.kms.emulator.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The region and account the emulator plays, and the ARNs and identifiers of KMS keys and aliases in it.
 *
 * <p>A key can be named four ways (AWS KMS "KeyId"): its key id ({@code 1234abcd-...}), its key ARN
 * ({@code arn:aws:kms:us-east-1:000000000000:key/1234abcd-...}), an alias name ({@code alias/name}) or an
 * alias ARN ({@code arn:aws:kms:us-east-1:000000000000:alias/name}). ARNs of another region or account name
 * nothing here.
 */
public record Account(String region, String accountId) {

    /** The default: region {@code us-east-1}, account {@code 000000000000}. */
    public static Account defaults() {
        return new Account("us-east-1", "000000000000");
    }

    public Account {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
    }

    /** The key ARN of a key id. */
    public String keyArn(UUID keyId) {
        return prefix() + "key/" + keyId;
    }

    /** The alias ARN of an alias name ({@code alias/...}). */
    public String aliasArn(String aliasName) {
        return prefix() + aliasName;
    }

    /**
     * Parses a KeyId parameter into a key id or an alias name.
     *
     * @throws ServiceError NotFoundException if it names nothing this account could hold
     */
    public KeyReference parse(String keyIdOrAlias) {
        String local = keyIdOrAlias.startsWith("arn:") ? stripArn(keyIdOrAlias) : keyIdOrAlias;
        if (local.startsWith("alias/")) {
            return new KeyReference.Alias(local);
        }
        String id = keyIdOrAlias.startsWith("arn:") ? local.substring("key/".length()) : local;
        return uuid(id).<KeyReference>map(KeyReference.Key::new)
                .orElseThrow(() -> ServiceError.notFound("Invalid keyId " + keyIdOrAlias));
    }

    private String stripArn(String arn) {
        if (arn.startsWith(prefix() + "key/") || arn.startsWith(prefix() + "alias/")) {
            return arn.substring(prefix().length());
        }
        throw ServiceError.notFound("Invalid arn " + arn);
    }

    private String prefix() {
        return "arn:aws:kms:" + region + ":" + accountId + ":";
    }

    private static Optional<UUID> uuid(String text) {
        if (text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** What a KeyId parameter names: a key by id, or an alias by name. */
    public sealed interface KeyReference {
        /** A key named by its id (directly or through its key ARN). */
        record Key(UUID id) implements KeyReference {
        }

        /** An alias named by {@code alias/...} (directly or through its alias ARN). */
        record Alias(String name) implements KeyReference {
        }
    }
}
