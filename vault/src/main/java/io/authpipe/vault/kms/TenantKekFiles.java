package io.authpipe.vault.kms;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.KmsKeyUnusableException;
import io.authpipe.vault.VaultCryptoException;
import io.authpipe.vault.internal.AesGcm;
import io.authpipe.vault.internal.EncryptionContext;
import io.authpipe.vault.internal.InProcessKek;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The tenant KEK files of the local key file KMS: {@code <dir>/<tenant>-<n>.kek} (mode 0600, in a 0700 directory),
 * each holding one tenant's n-th AES-256 KEK wrapped by the master key ({@link KeyFileFormat#TENANT_KEK}) with the
 * context {@code {"tenant": <id>, "purpose": "tenant-kek", "kek": "<n>"}}, so a file renamed to another tenant or
 * number does not open. I/O errors surface as {@link IOException}; the KMS maps them.
 */
final class TenantKekFiles {
    private static final Pattern NAME = Pattern.compile("([a-z0-9][a-z0-9-]*)-([1-9][0-9]{0,8})\\.kek");

    private final Path dir;
    private final InProcessKek master;

    TenantKekFiles(Path dir, InProcessKek master) {
        this.dir = dir;
        this.master = master;
    }

    /** A new random KEK for {@code tenant}, written to the next free number; the caller owns (and zeroes) the bytes. */
    Created create(TenantId tenant) throws IOException {
        OwnerOnlyFiles.ensureDirectory(dir, "tenant key directory");
        for (int n = highestNumber(tenant) + 1; ; n++) {
            byte[] kek = AesGcm.randomBytes(AesGcm.KEY_BYTES);
            byte[] wrapped = master.wrap(EncryptionContext.tenantKek(tenant, n), kek);
            String comment = "tenant " + tenant + ", key " + n + ": AES-256 key-encryption key wrapped by the master key"
                    + " file. Deleting it crypto-shreds what it protects.";
            if (OwnerOnlyFiles.createOnce(file(tenant, n), KeyFileFormat.TENANT_KEK.render(wrapped, comment))) {
                return new Created(n, kek);
            }
        }
    }

    /** The n-th KEK of {@code tenant}, if its file exists; the caller owns (and zeroes) the bytes. */
    Optional<byte[]> read(TenantId tenant, int n) throws IOException {
        Path file = file(tenant, n);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] wrapped = KeyFile.read(file, KeyFileFormat.TENANT_KEK);
        try {
            return Optional.of(master.unwrap(EncryptionContext.tenantKek(tenant, n), wrapped));
        } catch (VaultCryptoException notThisTenantsKey) {
            throw KmsKeyUnusableException.of("Decrypt", file.toString(),
                    "the file was not wrapped by this master key for this tenant and number", null);
        }
    }

    /** Overwrites and deletes the n-th KEK file of {@code tenant}, if it exists. */
    void destroy(TenantId tenant, int n) throws IOException {
        OwnerOnlyFiles.shred(file(tenant, n));
    }

    Path file(TenantId tenant, int n) {
        return dir.resolve(tenant.value() + "-" + n + ".kek");
    }

    private int highestNumber(TenantId tenant) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> NAME.matcher(path.getFileName().toString()))
                    .filter(Matcher::matches).filter(m -> m.group(1).equals(tenant.value()))
                    .mapToInt(m -> Integer.parseInt(m.group(2))).max().orElse(0);
        }
    }

    /** A KEK just written: its number and bytes. */
    record Created(int number, byte[] kek) {
        @Override
        public String toString() {
            return "Created[number=" + number + ", kek=[redacted]]";
        }
    }
}
