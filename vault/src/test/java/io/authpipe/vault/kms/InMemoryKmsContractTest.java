package io.authpipe.vault.kms;

import io.authpipe.vault.Kms;

class InMemoryKmsContractTest extends KmsContract {
    @Override
    protected Kms newKms() {
        return new InMemoryKms();
    }
}
