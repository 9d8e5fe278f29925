package io.authpipe.vault.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.authpipe.vault.KekRef;
import io.authpipe.vault.MutableClock;
import io.authpipe.vault.TenantKeys;
import io.authpipe.vault.Vault;
import io.authpipe.vault.internal.GoldenVectors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored v2 envelope with its key files (master key, tenant KEK file, from {@code src/test/resources/golden-v2})
 * still decrypts through the local KMS and the vault. Git keeps no file modes, so the files are copied and chmodded.
 */
class StoredV2EnvelopeTest {
    @TempDir
    Path dir;

    @Test
    void storedKeyFilesAndEnvelopeStillDecryptThroughTheVault() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX file system");
        Path keyFile = copy("kek.key", dir.resolve("kek.key"));
        Files.createDirectory(dir.resolve("kek.key.tenants"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        copy("kek.key.tenants/acme-1.kek", dir.resolve("kek.key.tenants/acme-1.kek"));
        LocalKeyFileKms kms = LocalKeyFileKms.openOrCreate(keyFile);
        TenantKeys keys = TenantKeys.of(GoldenVectors.TENANT, new KekRef(GoldenVectors.KEK_REF_V2));

        var secret = new Vault(kms, new MutableClock(Instant.EPOCH))
                .decrypt(keys, GoldenVectors.BINDING, GoldenVectors.hex(GoldenVectors.ENVELOPE_V2_HEX));

        assertThat(secret.reveal()).isEqualTo(GoldenVectors.PLAINTEXT);
        assertThat(kms.resolve("local:acme:1")).isEqualTo(keys.current());
        assertThat(kms.masterKek().value()).isEqualTo(GoldenVectors.KEK_REF);
    }

    private static Path copy(String resource, Path target) throws IOException {
        try (InputStream in = StoredV2EnvelopeTest.class.getResourceAsStream("/golden-v2/" + resource)) {
            Files.copy(in, target);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        return target;
    }
}
