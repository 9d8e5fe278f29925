package io.authpipe.vault.internal;

import static io.authpipe.vault.internal.GoldenVectors.BINDING;
import static io.authpipe.vault.internal.GoldenVectors.DEK;
import static io.authpipe.vault.internal.GoldenVectors.KEK;
import static io.authpipe.vault.internal.GoldenVectors.TENANT;
import static io.authpipe.vault.internal.GoldenVectors.TENANT_KEK;
import static io.authpipe.vault.internal.GoldenVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.vault.KekRef;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Envelope v2 and the tenant KEK file, byte for byte, against vectors computed outside Java. */
class GoldenVectorV2Test {
    private static final KekRef KEK_REF = new KekRef(GoldenVectors.KEK_REF_V2);

    @Test
    void envelopeAadIsTheWholeHeaderTheLabelAndTheLengthPrefixedBinding() {
        byte[] header = EnvelopeV2.header(KEK_REF, hex(GoldenVectors.WRAPPED_DEK_V2_HEX));
        assertThat(hexOf(EnvelopeV2.aad(header, BINDING))).isEqualTo(GoldenVectors.AAD_V2_HEX);
    }

    @Test
    void envelopeOfAFixedKeyAndIvHasExactlyTheV2Bytes() {
        byte[] envelope = EnvelopeV2.seal(AesGcm.key(DEK), KEK_REF, hex(GoldenVectors.WRAPPED_DEK_V2_HEX),
                GoldenVectors.ENVELOPE_IV, BINDING, GoldenVectors.PLAINTEXT.getBytes(StandardCharsets.UTF_8));
        assertThat(hexOf(envelope)).isEqualTo(GoldenVectors.ENVELOPE_V2_HEX);
    }

    @Test
    void storedV2EnvelopeParsesAndOpens() {
        byte[] envelope = hex(GoldenVectors.ENVELOPE_V2_HEX);
        EnvelopeHeader header = EnvelopeV2.parse(envelope);
        assertThat(header.kek()).isEqualTo(KEK_REF);
        assertThat(hexOf(header.wrappedDek())).isEqualTo(GoldenVectors.WRAPPED_DEK_V2_HEX);
        byte[] plaintext = EnvelopeV2.open(AesGcm.key(DEK), header, BINDING, envelope);
        assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(GoldenVectors.PLAINTEXT);
    }

    @Test
    void tenantKekFileHoldsTheTenantKekWrappedByTheMasterKeyForTenantAndNumber() {
        byte[] wrapped = KeyWrapV1.wrap(AesGcm.key(KEK), EncryptionContext.tenantKek(TENANT, 1),
                GoldenVectors.TENANT_KEK_FILE_IV, TENANT_KEK);
        assertThat(hexOf(wrapped)).isEqualTo(GoldenVectors.TENANT_KEK_FILE_HEX);
    }

    @Test
    void dataKeyWrappedUnderTheTenantKekHasExactlyTheV1WrapBytes() {
        byte[] wrapped = KeyWrapV1.wrap(AesGcm.key(TENANT_KEK), EncryptionContext.tenantDataKey(TENANT),
                GoldenVectors.DEK_WRAP_IV_V2, DEK);
        assertThat(hexOf(wrapped)).isEqualTo(GoldenVectors.WRAPPED_DEK_V2_HEX);
    }

    @Test
    void tenantKekRefEndsWithTheFingerprintOfTheTenantKek() {
        assertThat("local:acme:1:" + InProcessKek.fingerprint(TENANT_KEK)).isEqualTo(GoldenVectors.KEK_REF_V2);
    }

    private static String hexOf(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
