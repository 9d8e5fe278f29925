package io.authpipe.vault.kms;

import io.authpipe.vault.KekRef;
import io.authpipe.vault.Kms;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyFileKmsContractTest extends KmsContract {
    @TempDir
    Path dir;
    private LocalKeyFileKms kms;

    @BeforeEach
    void open() {
        kms = LocalKeyFileKms.openOrCreate(dir.resolve("kek.key"));
    }

    @Override
    protected Kms kms() {
        return kms;
    }

    @Override
    protected String aliasOf(KekRef kek) {
        return kek.value().substring(0, kek.value().lastIndexOf(':'));
    }

    @Override
    protected KekRef unknownKek() {
        return new KekRef("local:acme:99:0123456789abcdef");
    }
}
