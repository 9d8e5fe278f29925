package io.authpipe.vault.kms.aws;

import io.authpipe.vault.KekRef;
import io.authpipe.vault.Kms;
import io.authpipe.vault.kms.KmsContract;
import org.junit.jupiter.api.AfterEach;

/** The KMS contract for AWS KMS with a key per tenant, through the real SDK against the emulator. */
class AwsKmsPerTenantContractTest extends KmsContract {
    private final EmulatedAws aws = new EmulatedAws();
    private final AwsKms kms = aws.perTenant();

    @AfterEach
    void close() {
        kms.close();
        aws.close();
    }

    @Override
    protected Kms kms() {
        return kms;
    }

    @Override
    protected String aliasOf(KekRef kek) {
        return aws.aliasOf(kek);
    }

    @Override
    protected KekRef unknownKek() {
        return aws.unknownKey();
    }
}
