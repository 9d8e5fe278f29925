package io.authpipe.vault.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.authpipe.vault.MutableClock;
import io.authpipe.vault.TenantKeys;
import io.authpipe.vault.Vault;
import io.authpipe.vault.WrappedDataKey;
import io.authpipe.vault.internal.GoldenVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data stored by version 1 (key file, wrapped DEK, envelope, all as hex) still decrypts through the whole stack. */
class StoredV1EnvelopeTest {
    @TempDir
    Path dir;

    @Test
    void storedKeyFileLegacyWrappedKeyAndEnvelopeStillDecryptAlsoAfterMigratingToAKek() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX file system");
        LocalKeyFileKms kms = LocalKeyFileKms.openOrCreate(KeyFiles.writeGolden(dir.resolve("kek.key")));
        Vault vault = new Vault(kms, new MutableClock(Instant.EPOCH));
        TenantKeys keys = new TenantKeys(GoldenVectors.TENANT, List.of(), List.of(
                new WrappedDataKey(1, GoldenVectors.KEK_REF, GoldenVectors.hex(GoldenVectors.WRAPPED_HEX))));
        byte[] stored = GoldenVectors.hex(GoldenVectors.ENVELOPE_HEX);

        TenantKeys migrated = vault.rotate(keys);

        assertThat(kms.masterKek().value()).isEqualTo(GoldenVectors.KEK_REF);
        assertThat(vault.decrypt(keys, GoldenVectors.BINDING, stored).reveal()).isEqualTo(GoldenVectors.PLAINTEXT);
        assertThat(new Vault(kms, new MutableClock(Instant.EPOCH)).decrypt(migrated, GoldenVectors.BINDING, stored).reveal())
                .isEqualTo(GoldenVectors.PLAINTEXT);
        assertThat(vault.isSealedUnderCurrentKey(migrated, stored)).isFalse();
    }
}
