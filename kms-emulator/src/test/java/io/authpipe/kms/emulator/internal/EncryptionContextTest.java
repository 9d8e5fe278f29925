package io.authpipe.kms.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncryptionContextTest {

    @Test
    void theCanonicalEncodingIsCountThenLengthPrefixedPairsInKeyOrder() {
        EncryptionContext context = new EncryptionContext(Map.of("b", "2", "a", "1"));

        assertThat(HexFormat.of().formatHex(context.canonicalBytes())).isEqualTo("00000002"
                + "00000001" + "61" + "00000001" + "31"
                + "00000001" + "62" + "00000001" + "32");
    }

    @Test
    void insertionOrderDoesNotChangeTheEncoding() {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("x", "1");
        forward.put("y", "2");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("y", "2");
        backward.put("x", "1");

        assertThat(new EncryptionContext(forward).canonicalBytes())
                .isEqualTo(new EncryptionContext(backward).canonicalBytes());
    }

    @Test
    void theEmptyContextEncodesAsACountOfZero() {
        assertThat(EncryptionContext.empty().canonicalBytes()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void itsStringFormShowsKeysButNotValues() {
        assertThat(new EncryptionContext(Map.of("tenant", "t-secret")).toString())
                .contains("tenant").doesNotContain("t-secret");
    }
}
