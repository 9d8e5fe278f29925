package io.authpipe.vault;

import io.authpipe.vault.kms.InMemoryKms;
import io.authpipe.vault.kms.LocalKeyFileKms;
import io.authpipe.vault.kms.aws.EmulatedAws;
import java.nio.file.Path;

/** The KMS implementations with per-tenant keys, for tests that run the vault against each. */
public enum KmsKind {
    IN_MEMORY, LOCAL_KEY_FILE, AWS_PER_TENANT;

    /** A KMS of this kind; the local one keeps its files in {@code dir}, the AWS one talks to {@code aws}. */
    public Kms open(Path dir, EmulatedAws aws) {
        return switch (this) {
            case IN_MEMORY -> new InMemoryKms();
            case LOCAL_KEY_FILE -> LocalKeyFileKms.openOrCreate(dir.resolve("kek.key"));
            case AWS_PER_TENANT -> aws.perTenant();
        };
    }
}
