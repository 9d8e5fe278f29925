package io.authpipe.vault.kms;

import io.authpipe.vault.Kms;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyFileKmsContractTest extends KmsContract {
    @TempDir
    Path dir;
    private final AtomicInteger files = new AtomicInteger();

    @Override
    protected Kms newKms() {
        return LocalKeyFileKms.openOrCreate(dir.resolve("kek-" + files.incrementAndGet() + ".key"));
    }
}
