package io.authpipe.vault.kms;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.GeneratedDataKey;
import io.authpipe.vault.KekRef;
import io.authpipe.vault.Kms;
import io.authpipe.vault.VaultCryptoException;
import io.authpipe.vault.internal.InProcessKek;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The embedded default {@link Kms}: a master key file plus one KEK file per tenant KEK.
 *
 * <p><b>Master key file</b> (unchanged from version 1): {@code # authpipe-kek v1}, comments, one line with the base64
 * of a 32-byte AES-256 key; created on first start with mode 0600; refused if group or others can access it. Its ref,
 * {@code local:<16 hex of SHA-256>}, names the KEK of legacy v1 data keys, which it still unwraps. Back it up.
 *
 * <p><b>Tenant KEKs</b>: random 256-bit keys, wrapped by the master key, one file each in the sibling directory
 * {@code <keyfile>.tenants/} (0700), named {@code <tenant>-<n>.kek} (0600); format in {@code vault/ENVELOPE.md}. Ref
 * {@code local:<tenant>:<n>:<16 hex of SHA-256 of the KEK>}; {@link #resolve} also accepts {@code local:<tenant>:<n>}.
 * {@link #destroyKey} overwrites and deletes the file: crypto-shredding, as far as the disk and backups forget it.
 *
 * <p>Data keys are wrapped in format v1 (61 bytes) with the tenant's encryption context. KEKs are read once and kept in
 * memory; one process owns the directory. File-system errors throw {@link io.authpipe.vault.KmsUnavailableException}.
 * Thread-safe.
 */
public final class LocalKeyFileKms implements Kms {
    private final InProcessKek master;
    private final LocalTenantKeks tenantKeks;

    private LocalKeyFileKms(InProcessKek master, Path tenantDir) {
        this.master = master;
        this.tenantKeks = new LocalTenantKeks(new TenantKekFiles(tenantDir, master));
    }

    /**
     * Opens the master key file at {@code keyFile}, creating it (and its parent directories) with a new random key if
     * absent. Tenant KEK files live in {@code <keyFile>.tenants/}, created on the first tenant key.
     *
     * @throws IllegalStateException        if the file is accessible by group or others, or is not a valid key file
     * @throws java.io.UncheckedIOException if the file cannot be read or created
     */
    public static LocalKeyFileKms openOrCreate(Path keyFile) {
        byte[] bytes = KeyFile.readOrCreate(keyFile);
        try {
            KekRef ref = new KekRef(LocalTenantKeks.SCHEME + ":" + InProcessKek.fingerprint(bytes));
            return new LocalKeyFileKms(new InProcessKek(bytes, ref), keyFile.resolveSibling(keyFile.getFileName() + ".tenants"));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The master key's ref, {@code local:<16 hex>}: the KEK that legacy v1 data keys name. */
    public KekRef masterKek() {
        return master.ref();
    }

    @Override
    public KekRef resolve(String keyReference) {
        return master.ref().value().equals(keyReference) ? master.ref() : tenantKeks.get(keyReference, "DescribeKey").ref();
    }

    @Override
    public KekRef createTenantKey(TenantId tenant) {
        return tenantKeks.create(tenant);
    }

    @Override
    public GeneratedDataKey generateDataKey(KekRef kek, TenantId tenant) {
        InProcessKek key = tenantKeks.get(kek.value(), "GenerateDataKey");
        if (!key.ref().equals(kek)) {
            throw VaultCryptoException.encryptionFailed(null);
        }
        return key.generateDataKey(tenant);
    }

    @Override
    public byte[] unwrap(KekRef kek, TenantId tenant, byte[] wrappedDek) {
        if (master.ref().equals(kek)) {
            return master.unwrap(tenant, wrappedDek);
        }
        InProcessKek key = tenantKeks.get(kek.value(), "Decrypt");
        boolean ownKey = TenantKekRef.parse(LocalTenantKeks.SCHEME, kek.value()).map(ref -> ref.tenant().equals(tenant)).orElse(false);
        if (!key.ref().equals(kek) || !ownKey) {
            throw VaultCryptoException.decryptionFailed();
        }
        return key.unwrap(tenant, wrappedDek);
    }

    @Override
    public void destroyKey(KekRef kek) {
        if (master.ref().equals(kek)) {
            throw new UnsupportedOperationException("the master key is shared by all tenants and cannot be destroyed");
        }
        tenantKeks.destroy(kek);
    }

    @Override
    public String toString() {
        return "LocalKeyFileKms[master=" + master.ref() + "]";
    }
}
