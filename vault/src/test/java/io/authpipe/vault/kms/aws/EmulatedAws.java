package io.authpipe.vault.kms.aws;

import io.authpipe.kms.emulator.KmsEmulator;
import io.authpipe.vault.KekRef;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A KMS emulator on a loopback port, {@link AwsKms} instances talking to it through the real AWS SDK, and a raw
 * {@link KmsClient} for what an operator would do by hand (disable a key, look at aliases and tags). Close after use.
 */
public final class EmulatedAws implements AutoCloseable {
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    public final KmsEmulator emulator;
    public final KmsClient admin;

    public EmulatedAws() {
        this(Clock.systemUTC());
    }

    public EmulatedAws(Clock clock) {
        emulator = KmsEmulator.start(clock);
        admin = AwsKmsClients.client(AwsKmsSettings.perTenant(emulator.endpoint(), emulator.region()), CREDENTIALS);
    }

    /** AWS KMS with one key per tenant. */
    public AwsKms perTenant() {
        return AwsKms.create(AwsKmsSettings.perTenant(emulator.endpoint(), emulator.region()), CREDENTIALS);
    }

    /** AWS KMS with one key, named {@code keyId}, for every tenant. */
    public AwsKms shared(String keyId) {
        return AwsKms.create(AwsKmsSettings.shared(keyId, emulator.endpoint(), emulator.region()), CREDENTIALS);
    }

    /** The first alias pointing at {@code kek}. */
    public String aliasOf(KekRef kek) {
        return admin.listAliases(r -> r.keyId(kek.value())).aliases().get(0).aliasName();
    }

    /** A well-formed key ARN in the emulator's account that names no key. */
    public KekRef unknownKey() {
        return new KekRef("arn:aws:kms:" + emulator.region() + ":000000000000:key/00000000-0000-4000-8000-000000000000");
    }

    /** Disables {@code kek} as an operator would. */
    public void disable(KekRef kek) {
        admin.disableKey(r -> r.keyId(kek.value()));
    }

    @Override
    public void close() {
        admin.close();
        emulator.close();
    }
}
