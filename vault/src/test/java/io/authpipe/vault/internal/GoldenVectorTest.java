package io.authpipe.vault.internal;

import static io.authpipe.vault.internal.GoldenVectors.BINDING;
import static io.authpipe.vault.internal.GoldenVectors.DEK;
import static io.authpipe.vault.internal.GoldenVectors.KEK;
import static io.authpipe.vault.internal.GoldenVectors.TENANT;
import static io.authpipe.vault.internal.GoldenVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class GoldenVectorTest {

    @Test
    void envelopeAadIsTheHeaderTheLabelAndTheLengthPrefixedBinding() {
        assertThat(hexOf(EnvelopeV1.aad(EnvelopeV1.header(1), BINDING))).isEqualTo(GoldenVectors.AAD_HEX);
    }

    @Test
    void envelopeOfAFixedKeyAndIvHasExactlyTheV1Bytes() {
        byte[] envelope = EnvelopeV1.seal(AesGcm.key(DEK), 1, GoldenVectors.ENVELOPE_IV, BINDING,
                GoldenVectors.PLAINTEXT.getBytes(StandardCharsets.UTF_8));
        assertThat(hexOf(envelope)).isEqualTo(GoldenVectors.ENVELOPE_HEX);
    }

    @Test
    void storedV1EnvelopeStillOpens() {
        byte[] plaintext = EnvelopeV1.open(AesGcm.key(DEK), BINDING, hex(GoldenVectors.ENVELOPE_HEX));
        assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(GoldenVectors.PLAINTEXT);
    }

    @Test
    void encryptionContextHasExactlyTheCanonicalBytes() {
        assertThat(hexOf(EncryptionContext.tenantDataKey(TENANT).canonicalBytes())).isEqualTo(GoldenVectors.CONTEXT_HEX);
    }

    @Test
    void wrappedKeyOfAFixedKekAndIvHasExactlyTheV1Bytes() {
        byte[] wrapped = KeyWrapV1.wrap(AesGcm.key(KEK), EncryptionContext.tenantDataKey(TENANT), GoldenVectors.WRAP_IV, DEK);
        assertThat(hexOf(wrapped)).isEqualTo(GoldenVectors.WRAPPED_HEX);
    }

    @Test
    void storedV1WrappedKeyStillUnwraps() {
        byte[] dek = KeyWrapV1.unwrap(AesGcm.key(KEK), EncryptionContext.tenantDataKey(TENANT), hex(GoldenVectors.WRAPPED_HEX));
        assertThat(dek).isEqualTo(DEK);
    }

    @Test
    void kekFingerprintIsTheFirst16HexCharsOfItsSha256() {
        assertThat("local:" + InProcessKek.fingerprint(KEK)).isEqualTo(GoldenVectors.KEK_REF);
    }

    private static String hexOf(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
