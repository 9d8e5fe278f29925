package io.authpipe.vault.kms;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.KekRef;
import io.authpipe.vault.KmsKeyNotFoundException;
import io.authpipe.vault.KmsUnavailableException;
import io.authpipe.vault.internal.InProcessKek;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenant KEKs of the local key file KMS, by ref: read from their files once, then kept in memory (zeroed when
 * destroyed). Maps file-system errors to {@link KmsUnavailableException} and missing or replaced files to
 * {@link KmsKeyNotFoundException}. Thread-safe.
 */
final class LocalTenantKeks {
    static final String SCHEME = "local";

    private final TenantKekFiles files;
    private final ConcurrentHashMap<KekRef, InProcessKek> loaded = new ConcurrentHashMap<>();

    LocalTenantKeks(TenantKekFiles files) {
        this.files = files;
    }

    /** A new KEK for {@code tenant}, in a new file. */
    KekRef create(TenantId tenant) {
        try {
            TenantKekFiles.Created created = files.create(tenant);
            KekRef ref = TenantKekRef.canonical(SCHEME, tenant, created.number(), InProcessKek.fingerprint(created.kek()));
            loaded.put(ref, new InProcessKek(created.kek(), ref));
            Arrays.fill(created.kek(), (byte) 0);
            return ref;
        } catch (IOException e) {
            throw KmsUnavailableException.of("CreateKey", "cannot write a tenant key file: " + e, e);
        }
    }

    /** The KEK {@code reference} names, canonically or in short form ({@code local:<tenant>:<n>}). */
    InProcessKek get(String reference, String operation) {
        TenantKekRef ref = TenantKekRef.parse(SCHEME, reference)
                .orElseThrow(() -> new KmsKeyNotFoundException(operation, reference, null));
        InProcessKek cached = ref.fingerprint().isPresent() ? loaded.get(new KekRef(reference)) : null;
        if (cached != null) {
            return cached;
        }
        byte[] bytes = read(ref, operation).orElseThrow(() -> new KmsKeyNotFoundException(operation, reference, null));
        try {
            KekRef canonical = ref.canonicalIfMatches(InProcessKek.fingerprint(bytes))
                    .orElseThrow(() -> new KmsKeyNotFoundException(operation, reference, null));
            return loaded.computeIfAbsent(canonical, key -> new InProcessKek(bytes, key));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Overwrites and deletes the file of {@code kek}, if it still holds that key, and forgets it. Idempotent. */
    void destroy(KekRef kek) {
        TenantKekRef ref = TenantKekRef.parse(SCHEME, kek.value())
                .orElseThrow(() -> new KmsKeyNotFoundException("ScheduleKeyDeletion", kek.value(), null));
        Optional<byte[]> bytes = read(ref, "ScheduleKeyDeletion");
        boolean sameKey = bytes.map(InProcessKek::fingerprint).flatMap(ref::canonicalIfMatches).isPresent();
        bytes.ifPresent(b -> Arrays.fill(b, (byte) 0));
        try {
            if (sameKey) {
                files.destroy(ref.tenant(), ref.number());
            }
        } catch (IOException e) {
            throw KmsUnavailableException.of("ScheduleKeyDeletion", "cannot delete a tenant key file: " + e, e);
        }
        InProcessKek forgotten = loaded.remove(kek);
        if (forgotten != null) {
            forgotten.destroy();
        }
    }

    private Optional<byte[]> read(TenantKekRef ref, String operation) {
        try {
            return files.read(ref.tenant(), ref.number());
        } catch (IOException e) {
            throw KmsUnavailableException.of(operation, "cannot read a tenant key file: " + e, e);
        }
    }
}
