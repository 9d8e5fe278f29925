package io.authpipe.kms.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CiphertextBlobTest {

    private static final UUID KEY = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
    private static final byte[] IV = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaab");
    private static final byte[] SEALED = HexFormat.of().parseHex("ff".repeat(3) + "ee".repeat(16));

    @Test
    void theLayoutIsVersionKeyIdMaterialVersionIvThenCiphertextAndTag() {
        CiphertextBlob blob = new CiphertextBlob(KEY, 2, IV, SEALED);

        assertThat(HexFormat.of().formatHex(blob.toBytes())).isEqualTo("01"
                + "00112233445566778899aabbccddeeff" + "00000002" + "a0a1a2a3a4a5a6a7a8a9aaab"
                + "ffffff" + "ee".repeat(16));
    }

    @Test
    void parsingReadsWhatWasWritten() {
        CiphertextBlob blob = new CiphertextBlob(KEY, 7, IV, SEALED);

        CiphertextBlob parsed = CiphertextBlob.parse(blob.toBytes());

        assertThat(parsed).isEqualTo(blob);
        assertThat(parsed.keyId()).isEqualTo(KEY);
        assertThat(parsed.materialVersion()).isEqualTo(7);
        assertThat(parsed.header()).hasSize(CiphertextBlob.HEADER_BYTES);
    }

    @Test
    void anUnknownFormatVersionOrAShortBlobIsInvalidCiphertext() {
        byte[] bytes = new CiphertextBlob(KEY, 1, IV, SEALED).toBytes();
        bytes[0] = 2;

        assertThatThrownBy(() -> CiphertextBlob.parse(bytes)).isInstanceOf(ServiceError.class)
                .extracting(e -> ((ServiceError) e).code()).isEqualTo("InvalidCiphertextException");
        assertThatThrownBy(() -> CiphertextBlob.parse(new byte[CiphertextBlob.MIN_BYTES - 1]))
                .isInstanceOf(ServiceError.class);
    }

    @Test
    void itsStringFormShowsNoCiphertext() {
        assertThat(new CiphertextBlob(KEY, 1, IV, SEALED).toString())
                .doesNotContain(HexFormat.of().formatHex(SEALED), HexFormat.of().formatHex(IV), "ffffff");
    }
}
