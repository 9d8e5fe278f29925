package io.authpipe.vault.kms.aws;

import io.authpipe.vault.KekRef;
import io.authpipe.vault.Kms;
import io.authpipe.vault.kms.KmsContract;
import org.junit.jupiter.api.AfterEach;

/** The KMS contract for AWS KMS with one shared key (configured by alias), against the emulator. */
class AwsKmsSharedContractTest extends KmsContract {
    private static final String ALIAS = "alias/authpipe-shared";

    private final EmulatedAws aws = new EmulatedAws();
    private final String keyArn = aws.emulator.createKey("Authpipe shared");
    private final AwsKms kms = shared();

    private AwsKms shared() {
        aws.emulator.createAlias(ALIAS, keyArn);
        return aws.shared(ALIAS);
    }

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
    protected boolean sharesOneKey() {
        return true;
    }

    @Override
    protected KekRef anotherKek() {
        return new KekRef(aws.emulator.createKey("not Authpipe's"));
    }

    @Override
    protected String aliasOf(KekRef kek) {
        return ALIAS;
    }

    @Override
    protected KekRef unknownKek() {
        return aws.unknownKey();
    }
}
