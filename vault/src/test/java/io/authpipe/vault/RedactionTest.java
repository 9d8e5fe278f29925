package io.authpipe.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.vault.kms.InMemoryKms;
import io.authpipe.vault.kms.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No secret (plaintext, data key, wrapped key) appears in an exception message, a stack trace or a toString. */
class RedactionTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final String SECRET = "tok_never-print-me";
    private static final SecretBinding BINDING = new SecretBinding(ACME, "mastodon", "alice", Purpose.API_KEY);

    private final InMemoryKms kms = new InMemoryKms();
    private final Vault vault = new Vault(kms, new MutableClock(Instant.EPOCH));
    private final TenantKeys keys = vault.createTenantKeys(ACME);

    @Test
    void generatedDataKeyPrintsNeitherPlaintextNorWrappedBytes() {
        GeneratedDataKey generated = kms.generateDataKey(keys.current(), ACME);
        assertThat(generated.toString()).contains("[redacted]")
                .doesNotContain(Secrets.forms(generated.plaintext())).doesNotContain(Secrets.forms(generated.wrapped()));
    }

    @Test
    void tenantKeysAndLegacyKeysPrintNoKeyBytes() {
        byte[] wrapped = kms.generateDataKey(keys.current(), ACME).wrapped();
        TenantKeys withLegacy = new TenantKeys(ACME, keys.keks(), List.of(new WrappedDataKey(1, "local:0", wrapped)));
        assertThat(withLegacy.toString()).contains(keys.current().value()).doesNotContain(Secrets.forms(wrapped));
    }

    @Test
    void failedDecryptionSaysOnlyThatItFailed() {
        byte[] envelope = vault.encrypt(keys, BINDING, Secret.of(SECRET));
        envelope[envelope.length - 20] ^= 1;
        Throwable failure = catchThrowable(() -> vault.decrypt(keys, BINDING, envelope));
        assertThat(failure).isInstanceOf(VaultCryptoException.class).hasMessage("decryption failed").hasNoCause();
        assertThat(stackTrace(failure)).doesNotContain(SECRET).doesNotContain(Secrets.forms(envelope));
    }

    @Test
    void failedEncryptionSaysOnlyThatItFailed() {
        assertThat(VaultCryptoException.encryptionFailed(new IllegalStateException("provider broken")))
                .hasMessage("encryption failed");
    }

    @Test
    void kmsFailuresNameTheKmsAndTheKeyButNoBytes() {
        byte[] envelope = vault.encrypt(keys, BINDING, Secret.of(SECRET));
        kms.destroyKey(keys.current());
        vault.forget(ACME);
        Throwable failure = catchThrowable(() -> vault.decrypt(keys, BINDING, envelope));
        assertThat(failure).isInstanceOf(KmsKeyUnusableException.class).hasMessageContaining("KMS")
                .hasMessageContaining(keys.current().value());
        assertThat(stackTrace(failure)).doesNotContain(SECRET).doesNotContain(Secrets.forms(envelope));
    }

    @Test
    void decryptedSecretStatsAndKmsPrintNoValues() {
        Secret decrypted = vault.decrypt(keys, BINDING, vault.encrypt(keys, BINDING, Secret.of(SECRET)));
        assertThat(decrypted.toString()).isEqualTo("[redacted]");
        assertThat(vault.stats().toString()).doesNotContain(SECRET);
        assertThat(kms.toString()).isEqualTo("InMemoryKms[1 keys]");
    }

    static String stackTrace(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
