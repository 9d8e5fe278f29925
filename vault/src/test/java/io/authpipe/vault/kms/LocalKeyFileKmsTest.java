package io.authpipe.vault.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.GeneratedDataKey;
import io.authpipe.vault.KekRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalKeyFileKmsTest {
    private static final TenantId ACME = TenantId.of("acme");

    @TempDir
    Path dir;

    @BeforeEach
    void requirePosix() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX file system");
    }

    @Test
    void missingKeyFileIsCreatedWithParentDirectoriesAndMode0600() throws IOException {
        Path file = dir.resolve("a/b/kek.key");
        LocalKeyFileKms.openOrCreate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(file).get(0)).isEqualTo("# authpipe-kek v1");
    }

    @Test
    void creatingTheKeyFileLeavesNoTemporaryFileBehind() throws IOException {
        LocalKeyFileKms.openOrCreate(dir.resolve("kek.key"));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("kek.key"));
        }
    }

    @Test
    void reopenedKeyFileHasTheSameMasterRefAndUnwrapsOldKeys() {
        Path file = dir.resolve("kek.key");
        LocalKeyFileKms first = LocalKeyFileKms.openOrCreate(file);
        KekRef kek = first.createTenantKey(ACME);
        GeneratedDataKey generated = first.generateDataKey(kek, ACME);
        LocalKeyFileKms second = LocalKeyFileKms.openOrCreate(file);
        assertThat(second.masterKek()).isEqualTo(first.masterKek());
        assertThat(second.masterKek().value()).matches("local:[0-9a-f]{16}");
        assertThat(second.unwrap(kek, ACME, generated.wrapped())).isEqualTo(generated.plaintext());
    }

    @Test
    void processesStartingAtOnceAllUseOneKey() throws Exception {
        Path file = dir.resolve("kek.key");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> refs = pool.invokeAll(Collections.nCopies(8, () -> LocalKeyFileKms.openOrCreate(file).masterKek().value()));
            Set<String> distinct = new HashSet<>();
            for (Future<String> ref : refs) {
                distinct.add(ref.get());
            }
            assertThat(distinct).containsExactly(LocalKeyFileKms.openOrCreate(file).masterKek().value());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void kekRefIsTheFirst16HexCharsOfTheSha256OfTheKek() throws IOException {
        Path file = KeyFiles.writeGolden(dir.resolve("kek.key"));
        assertThat(LocalKeyFileKms.openOrCreate(file).masterKek().value()).isEqualTo("local:ca2a4fe727faaecf");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----", "rw------x"})
    void keyFileAccessibleByGroupOrOthersIsRefusedNamingTheFix(String permissions) throws IOException {
        Path file = KeyFiles.write(dir.resolve("kek.key"), "# authpipe-kek v1\n" + KeyFiles.GOLDEN_KEK_BASE64 + "\n", permissions);
        assertThatThrownBy(() -> LocalKeyFileKms.openOrCreate(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("chmod 600 " + file)
                .message().doesNotContain(KeyFiles.GOLDEN_KEK_BASE64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"r--------", "rwx------"})
    void keyFileAccessibleOnlyByItsOwnerIsAccepted(String permissions) throws IOException {
        Path file = KeyFiles.write(dir.resolve("kek.key"), "# authpipe-kek v1\n" + KeyFiles.GOLDEN_KEK_BASE64 + "\n", permissions);
        assertThat(LocalKeyFileKms.openOrCreate(file).masterKek().value()).isEqualTo("local:ca2a4fe727faaecf");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=\n",
        "# authpipe-kek v2\nQEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=\n",
        "# authpipe-kek v1\n",
        "# authpipe-kek v1\nnot base64 at all!\n",
        "# authpipe-kek v1\nQEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFla\n",
        "# authpipe-kek v1\nQEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=\nQEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=\n"
    })
    void corruptKeyFileIsRefusedWithoutPrintingItsContent(String content) throws IOException {
        Path file = KeyFiles.write(dir.resolve("kek.key"), content, "rw-------");
        assertThatThrownBy(() -> LocalKeyFileKms.openOrCreate(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("corrupt")
                .message().doesNotContain("QEFCQ0RF").doesNotContain("not base64");
    }

    @Test
    void keyFileThatIsNotUtf8TextIsRefusedAsCorrupt() throws IOException {
        Path file = dir.resolve("kek.key");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3});
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> LocalKeyFileKms.openOrCreate(file))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("corrupt");
    }

    @Test
    void commentLinesAndBlankLinesAfterTheHeaderAreIgnored() throws IOException {
        Path file = KeyFiles.write(dir.resolve("kek.key"),
                "# authpipe-kek v1\n# backed up 2025-01-01\n\n" + KeyFiles.GOLDEN_KEK_BASE64 + "\n\n", "rw-------");
        assertThat(LocalKeyFileKms.openOrCreate(file).masterKek().value()).isEqualTo("local:ca2a4fe727faaecf");
    }
}
