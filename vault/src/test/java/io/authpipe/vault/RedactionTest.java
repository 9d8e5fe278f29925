package io.authpipe.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.vault.kms.InMemoryKms;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** No secret (plaintext, data key, key-encryption key) appears in an exception message or a toString. */
class RedactionTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final String SECRET = "tok_never-print-me";
    private static final SecretBinding BINDING = new SecretBinding(ACME, "mastodon", "alice", Purpose.API_KEY);

    private final InMemoryKms kms = new InMemoryKms();
    private final Vault vault = new Vault(kms, new MutableClock(Instant.EPOCH));
    private final TenantKeys keys = vault.createTenantKeys(ACME);

    @Test
    void generatedDataKeyPrintsNoPlaintext() {
        GeneratedDataKey generated = kms.generateDataKey(ACME);
        assertThat(generated.toString()).contains("[redacted]").doesNotContain(forms(generated.plaintext()));
    }

    @Test
    void tenantKeysAndWrappedKeysPrintNoDataKey() {
        byte[] dek = kms.unwrap(ACME, keys.current());
        assertThat(keys.toString()).contains(kms.kekRef()).doesNotContain(forms(dek));
        assertThat(keys.current().toString()).doesNotContain(forms(dek));
    }

    @Test
    void failedDecryptionSaysOnlyThatItFailed() {
        byte[] envelope = vault.encrypt(keys, BINDING, Secret.of(SECRET));
        envelope[20] ^= 1;
        Throwable failure = catchThrowable(() -> vault.decrypt(keys, BINDING, envelope));
        assertThat(failure).isInstanceOf(VaultCryptoException.class).hasMessage("decryption failed").hasNoCause();
        assertThat(failure.toString()).doesNotContain(SECRET).doesNotContain(forms(envelope));
    }

    @Test
    void failedEncryptionSaysOnlyThatItFailed() {
        assertThat(VaultCryptoException.encryptionFailed(new IllegalStateException("provider broken")))
                .hasMessage("encryption failed");
    }

    @Test
    void kmsAndDecryptedSecretPrintNoValues() {
        Secret decrypted = vault.decrypt(keys, BINDING, vault.encrypt(keys, BINDING, Secret.of(SECRET)));
        assertThat(decrypted.toString()).isEqualTo("[redacted]");
        assertThat(kms.toString()).isEqualTo("InMemoryKms[" + kms.kekRef() + "]");
    }

    private static String[] forms(byte[] bytes) {
        return new String[] {HexFormat.of().formatHex(bytes), Base64.getEncoder().encodeToString(bytes), Arrays.toString(bytes)};
    }
}
