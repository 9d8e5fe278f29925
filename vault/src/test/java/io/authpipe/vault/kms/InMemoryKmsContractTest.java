package io.authpipe.vault.kms;

import io.authpipe.vault.KekRef;
import io.authpipe.vault.Kms;

class InMemoryKmsContractTest extends KmsContract {
    private final InMemoryKms kms = new InMemoryKms();

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
        return new KekRef("memory:acme:99:0123456789abcdef");
    }
}
