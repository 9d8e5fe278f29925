package io.authpipe.kms.emulator.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/** Alias names and the keys they point at. Not thread-safe: {@link KeyRegistry} guards it. */
final class AliasTable {

    private static final Pattern NAME = Pattern.compile("alias/[a-zA-Z0-9/_-]{1,250}");

    /** An alias: its name ({@code alias/...}), its key, and when it was created and last pointed elsewhere. */
    record Entry(String name, UUID target, Instant created, Instant updated) {
    }

    private final Map<String, Entry> byName = new TreeMap<>();

    void create(String name, UUID target, Instant now) {
        requireValidName(name);
        if (byName.containsKey(name)) {
            throw ServiceError.alreadyExists("An alias with the name " + name + " already exists.");
        }
        byName.put(name, new Entry(name, target, now, now));
    }

    void update(String name, UUID target, Instant now) {
        Entry entry = require(name);
        byName.put(name, new Entry(name, target, entry.created(), now));
    }

    void delete(String name) {
        require(name);
        byName.remove(name);
    }

    Optional<UUID> target(String name) {
        return Optional.ofNullable(byName.get(name)).map(Entry::target);
    }

    List<Entry> all() {
        return List.copyOf(byName.values());
    }

    /** Forgets every alias of a deleted key. */
    void deleteAliasesOf(UUID keyId) {
        byName.values().removeIf(entry -> entry.target().equals(keyId));
    }

    private Entry require(String name) {
        Entry entry = byName.get(name);
        if (entry == null) {
            throw ServiceError.notFound("Alias " + name + " is not found.");
        }
        return entry;
    }

    private static void requireValidName(String name) {
        if (!NAME.matcher(name).matches() || name.startsWith("alias/aws/")) {
            throw ServiceError.validation("Alias must start with alias/, use only [a-zA-Z0-9/_-], and not start "
                    + "with alias/aws/.");
        }
    }
}
