package io.authpipe.vault.kms;

import io.authpipe.core.config.ConfigException;
import io.authpipe.core.config.EnvReader;
import io.authpipe.vault.Kms;
import io.authpipe.vault.kms.aws.AwsKms;
import io.authpipe.vault.kms.aws.AwsKmsSettings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Which key service protects the vault: {@code AUTHPIPE_KMS=local} (the key file, embedded default) or {@code aws}
 * (AWS KMS through the SDK's conventions: default credential chain, region, {@code AWS_ENDPOINT_URL_KMS} /
 * {@code AWS_ENDPOINT_URL}, plus {@code AUTHPIPE_KMS_TENANT_KEYS}, {@code AUTHPIPE_KMS_KEY_ID} and
 * {@code AUTHPIPE_KMS_ALIAS_PREFIX}).
 */
public sealed interface KmsSettings {

    /** Opens the key service, wrapped in retries for transient failures. */
    Kms open();

    /** The local key file: created on first start with mode 0600; tenant keys beside it. */
    record LocalKeyFile(Path keyFile) implements KmsSettings {
        @Override
        public Kms open() {
            return LocalKeyFileKms.openOrCreate(keyFile);
        }
    }

    /** AWS KMS; {@code credentials} empty means the SDK's default chain. */
    record Aws(AwsKmsSettings settings, Optional<AwsCredentialsProvider> credentials) implements KmsSettings {
        @Override
        public Kms open() {
            AwsKms kms = credentials.map(c -> AwsKms.create(settings, c)).orElseGet(() -> AwsKms.create(settings));
            return new ResilientKms(kms);
        }
    }

    static KmsSettings fromEnv(EnvReader env) {
        String kind = env.string("AUTHPIPE_KMS", "local").toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "local" -> new LocalKeyFile(env.path("AUTHPIPE_KEY_FILE", Path.of(".authpipe", "master.key")));
            case "aws" -> aws(env);
            default -> throw new ConfigException("AUTHPIPE_KMS must be local or aws, was '" + kind + "'");
        };
    }

    private static KmsSettings aws(EnvReader env) {
        try {
            return new Aws(AwsKmsSettings.fromEnv(env.asMap()), staticCredentials(env));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * Access keys given in this environment (the same variables the SDK's environment provider reads); tests hand
     * them to an emulator this way. Otherwise the default chain applies.
     */
    private static Optional<AwsCredentialsProvider> staticCredentials(EnvReader env) {
        Optional<String> id = env.optional("AWS_ACCESS_KEY_ID");
        Optional<String> secret = env.optional("AWS_SECRET_ACCESS_KEY");
        if (id.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create(id.get(), secret.get())));
    }
}
