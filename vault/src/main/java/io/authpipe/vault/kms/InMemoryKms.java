package io.authpipe.vault.kms;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.GeneratedDataKey;
import io.authpipe.vault.Kms;
import io.authpipe.vault.WrappedDataKey;
import io.authpipe.vault.internal.AesGcm;
import io.authpipe.vault.internal.InProcessKek;
import java.util.Arrays;

/**
 * A {@link Kms} for tests: a random AES-256 KEK per instance, lost with it. Same semantics and wrapped-key format as
 * {@link LocalKeyFileKms}; kekRef = {@code memory:} + first 16 hex chars of SHA-256(KEK), so two instances never
 * unwrap each other's keys. Never throws {@link io.authpipe.vault.KmsUnavailableException}. Thread-safe.
 */
public final class InMemoryKms implements Kms {
    private final InProcessKek kek;

    /** A KMS with a fresh random KEK. */
    public InMemoryKms() {
        byte[] kekBytes = AesGcm.randomBytes(AesGcm.KEY_BYTES);
        this.kek = new InProcessKek(kekBytes, "memory");
        Arrays.fill(kekBytes, (byte) 0);
    }

    @Override
    public GeneratedDataKey generateDataKey(TenantId tenant) {
        return kek.generateDataKey(tenant);
    }

    @Override
    public byte[] unwrap(TenantId tenant, WrappedDataKey wrapped) {
        return kek.unwrap(tenant, wrapped);
    }

    @Override
    public String kekRef() {
        return kek.kekRef();
    }

    @Override
    public String toString() {
        return "InMemoryKms[" + kekRef() + "]";
    }
}
