package io.authpipe.vault.kms;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.GeneratedDataKey;
import io.authpipe.vault.Kms;
import io.authpipe.vault.WrappedDataKey;
import io.authpipe.vault.internal.InProcessKek;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The embedded default {@link Kms}: the KEK is an AES-256 key in a local file, created on first start.
 *
 * <p><b>Key file</b> (UTF-8 text): the line {@code # authpipe-kek v1}, comment lines, and one line with the standard
 * base64 of the 32-byte KEK. Created with mode 0600 (set atomically at creation); an existing file that group or
 * others can access is refused. Back it up: without it no stored secret can be decrypted.
 *
 * <p><b>kekRef</b> = {@code local:} + first 16 hex chars of SHA-256(KEK); {@link #unwrap} refuses keys naming another.
 *
 * <p><b>Wrapped key</b>, format version 1 (61 bytes): {@code 0x01 || 12-byte random IV ||
 * AES-256-GCM(KEK, DEK) with 16-byte tag}, AAD = {@code 0x01 ||} canonical encryption context
 * {@code {"tenant": id, "purpose": "tenant-data-key"}}; see {@code vault/ENVELOPE.md}.
 *
 * <p>The file is read once, at {@link #openOrCreate}; afterwards no I/O happens, so this KMS never throws
 * {@link io.authpipe.vault.KmsUnavailableException}. Thread-safe.
 */
public final class LocalKeyFileKms implements Kms {
    private final InProcessKek kek;

    private LocalKeyFileKms(InProcessKek kek) {
        this.kek = kek;
    }

    /**
     * Opens the key file at {@code keyFile}, creating it (and its parent directories) with a new random KEK if absent.
     *
     * @throws IllegalStateException        if the file is accessible by group or others (fix: {@code chmod 600}), or
     *                                      is not a valid key file
     * @throws java.io.UncheckedIOException if the file cannot be read or created
     */
    public static LocalKeyFileKms openOrCreate(Path keyFile) {
        byte[] kekBytes = KeyFile.readOrCreate(keyFile);
        try {
            return new LocalKeyFileKms(new InProcessKek(kekBytes, "local"));
        } finally {
            Arrays.fill(kekBytes, (byte) 0);
        }
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
        return "LocalKeyFileKms[" + kekRef() + "]";
    }
}
