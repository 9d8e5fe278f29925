package io.authpipe.vault.kms;

import static io.authpipe.vault.CryptoAssertions.assertDecryptionFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.GeneratedDataKey;
import io.authpipe.vault.Kms;
import io.authpipe.vault.WrappedDataKey;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The contract every {@link Kms} implementation passes. Subclasses supply fresh instances with distinct KEKs. */
public abstract class KmsContract {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");

    /** A KMS with a KEK no other instance returned by this method shares. */
    protected abstract Kms newKms();

    @Test
    void generatedKeyUnwrapsToTheSamePlaintext() {
        Kms kms = newKms();
        GeneratedDataKey generated = kms.generateDataKey(ACME);
        assertThat(kms.unwrap(ACME, generated.wrapped())).isEqualTo(generated.plaintext());
    }

    @Test
    void generatedKeysAreFreshRandomAes256Keys() {
        Kms kms = newKms();
        byte[] first = kms.generateDataKey(ACME).plaintext();
        assertThat(first).hasSize(32).isNotEqualTo(kms.generateDataKey(ACME).plaintext());
    }

    @Test
    void generatedKeyNamesTheKekThatWrappedItAndTheFirstKeyId() {
        Kms kms = newKms();
        WrappedDataKey wrapped = kms.generateDataKey(ACME).wrapped();
        assertThat(wrapped.kekRef()).isEqualTo(kms.kekRef()).isNotBlank();
        assertThat(wrapped.keyId()).isEqualTo(WrappedDataKey.FIRST_KEY_ID);
    }

    @Test
    void keyRenumberedByTheVaultStillUnwraps() {
        Kms kms = newKms();
        GeneratedDataKey generated = kms.generateDataKey(ACME);
        assertThat(kms.unwrap(ACME, generated.wrapped().withKeyId(7))).isEqualTo(generated.plaintext());
    }

    @Test
    void unwrapHandsOutAFreshArrayTheCallerMayZero() {
        Kms kms = newKms();
        GeneratedDataKey generated = kms.generateDataKey(ACME);
        Arrays.fill(kms.unwrap(ACME, generated.wrapped()), (byte) 0);
        assertThat(kms.unwrap(ACME, generated.wrapped())).isEqualTo(generated.plaintext());
    }

    @Test
    void anotherTenantCannotUnwrapTheKey() {
        Kms kms = newKms();
        WrappedDataKey acmeKey = kms.generateDataKey(ACME).wrapped();
        assertDecryptionFails(() -> kms.unwrap(GLOBEX, acmeKey));
    }

    @Test
    void everyTamperedByteOfTheWrappedKeyFailsToUnwrap() {
        Kms kms = newKms();
        WrappedDataKey key = kms.generateDataKey(ACME).wrapped();
        for (int i = 0; i < key.wrapped().length; i++) {
            byte[] tampered = key.wrapped();
            tampered[i] ^= 0x01;
            assertDecryptionFails(() -> kms.unwrap(ACME, new WrappedDataKey(1, key.kekRef(), tampered)));
        }
    }

    @Test
    void truncatedOrExtendedWrappedKeyFailsToUnwrap() {
        Kms kms = newKms();
        WrappedDataKey key = kms.generateDataKey(ACME).wrapped();
        byte[] bytes = key.wrapped();
        assertDecryptionFails(() -> kms.unwrap(ACME, new WrappedDataKey(1, key.kekRef(), Arrays.copyOf(bytes, bytes.length - 1))));
        assertDecryptionFails(() -> kms.unwrap(ACME, new WrappedDataKey(1, key.kekRef(), Arrays.copyOf(bytes, bytes.length + 1))));
        assertDecryptionFails(() -> kms.unwrap(ACME, new WrappedDataKey(1, key.kekRef(), new byte[0])));
    }

    @Test
    void keyWrappedUnderAForeignKekFailsToUnwrap() {
        Kms kms = newKms();
        WrappedDataKey foreign = newKms().generateDataKey(ACME).wrapped();
        assertThat(foreign.kekRef()).isNotEqualTo(kms.kekRef());
        assertDecryptionFails(() -> kms.unwrap(ACME, foreign));
    }

    @Test
    void foreignKeyRelabelledWithThisKekRefStillFailsToUnwrap() {
        Kms kms = newKms();
        WrappedDataKey foreign = newKms().generateDataKey(ACME).wrapped();
        assertDecryptionFails(() -> kms.unwrap(ACME, new WrappedDataKey(1, kms.kekRef(), foreign.wrapped())));
    }

    @Test
    void ownKeyClaimingAnotherKekRefIsRefused() {
        Kms kms = newKms();
        WrappedDataKey key = kms.generateDataKey(ACME).wrapped();
        assertDecryptionFails(() -> kms.unwrap(ACME, new WrappedDataKey(1, "local:0000000000000000", key.wrapped())));
    }

    @Test
    void neitherTheKmsNorTheGeneratedKeyPrintsKeyMaterial() {
        Kms kms = newKms();
        GeneratedDataKey generated = kms.generateDataKey(ACME);
        String plaintextHex = HexFormat.of().formatHex(generated.plaintext());
        assertThat(generated.toString()).contains("[redacted]").doesNotContain(plaintextHex)
                .doesNotContain(Arrays.toString(generated.plaintext()));
        assertThat(kms.toString()).contains(kms.kekRef());
    }
}
