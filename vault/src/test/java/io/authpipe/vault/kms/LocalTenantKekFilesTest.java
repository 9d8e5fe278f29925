package io.authpipe.vault.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.KekRef;
import io.authpipe.vault.KmsKeyNotFoundException;
import io.authpipe.vault.KmsKeyUnusableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tenant KEK files of the local KMS: where they live, their modes, their names, and what destroys them. */
class LocalTenantKekFilesTest {
    private static final TenantId ACME = TenantId.of("acme");

    @TempDir
    Path dir;
    private Path keyFile;
    private Path tenants;
    private LocalKeyFileKms kms;

    @BeforeEach
    void open() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX file system");
        keyFile = dir.resolve("kek.key");
        tenants = dir.resolve("kek.key.tenants");
        kms = LocalKeyFileKms.openOrCreate(keyFile);
    }

    @Test
    void tenantKeksAreFilesNamedTenantAndNumberIn0700DirectoryWithMode0600() throws IOException {
        KekRef first = kms.createTenantKey(ACME);
        KekRef second = kms.createTenantKey(ACME);
        assertThat(first.value()).matches("local:acme:1:[0-9a-f]{16}");
        assertThat(second.value()).matches("local:acme:2:[0-9a-f]{16}");
        assertThat(mode(tenants)).isEqualTo("rwx------");
        assertThat(mode(tenants.resolve("acme-1.kek"))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(tenants.resolve("acme-2.kek")).get(0)).isEqualTo("# authpipe-tenant-kek v1");
    }

    @Test
    void numberingContinuesAfterReopeningAndKeysStillResolve() {
        KekRef first = kms.createTenantKey(ACME);
        LocalKeyFileKms reopened = LocalKeyFileKms.openOrCreate(keyFile);
        assertThat(reopened.resolve(first.value())).isEqualTo(first);
        assertThat(reopened.createTenantKey(ACME).value()).startsWith("local:acme:2:");
        assertThat(reopened.createTenantKey(TenantId.of("acme-1")).value()).startsWith("local:acme-1:1:");
    }

    @Test
    void destroyingAKeyOverwritesAndDeletesItsFileForEveryProcess() {
        KekRef kek = kms.createTenantKey(ACME);
        kms.destroyKey(kek);
        assertThat(tenants.resolve("acme-1.kek")).doesNotExist();
        assertThatThrownBy(() -> LocalKeyFileKms.openOrCreate(keyFile).resolve(kek.value()))
                .isInstanceOf(KmsKeyNotFoundException.class);
    }

    @Test
    void aKekFileRenamedToAnotherTenantDoesNotOpen() throws IOException {
        kms.createTenantKey(ACME);
        Files.move(tenants.resolve("acme-1.kek"), tenants.resolve("globex-1.kek"));
        assertThatThrownBy(() -> kms.resolve("local:globex:1")).isInstanceOf(KmsKeyUnusableException.class)
                .hasMessageContaining("globex-1.kek");
    }

    @Test
    void aReplacedKekFileIsNotTheKeyTheOldRefNames() throws IOException {
        KekRef kek = kms.createTenantKey(ACME);
        Files.delete(tenants.resolve("acme-1.kek"));
        kms.createTenantKey(ACME);
        assertThatThrownBy(() -> LocalKeyFileKms.openOrCreate(keyFile).generateDataKey(kek, ACME))
                .isInstanceOf(KmsKeyNotFoundException.class);
    }

    @Test
    void destroyingAnOlderRefLeavesTheNewKeyWithTheSameNumberAlone() throws IOException {
        KekRef old = kms.createTenantKey(ACME);
        Files.delete(tenants.resolve("acme-1.kek"));
        KekRef current = kms.createTenantKey(ACME);
        kms.destroyKey(old);
        assertThat(LocalKeyFileKms.openOrCreate(keyFile).resolve("local:acme:1")).isEqualTo(current);
    }

    @Test
    void tenantKekFilesOpenToGroupOrOthersAreRefused() throws IOException {
        KekRef kek = kms.createTenantKey(ACME);
        Files.setPosixFilePermissions(tenants.resolve("acme-1.kek"), PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> LocalKeyFileKms.openOrCreate(keyFile).resolve(kek.value()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("chmod 600");
    }

    @Test
    void concurrentCreationGivesDistinctNumbers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<KekRef>> refs = pool.invokeAll(java.util.Collections.nCopies(8, () -> kms.createTenantKey(ACME)));
            Set<String> files = new HashSet<>();
            for (Future<KekRef> ref : refs) {
                files.add(ref.get().value().split(":")[2]);
            }
            assertThat(files).hasSize(8);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
