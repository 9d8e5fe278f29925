package io.authpipe.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncryptionContextTest {

    @Test
    void canonicalBytesDoNotDependOnInsertionOrder() {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("a", "1");
        forward.put("b", "2");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("b", "2");
        backward.put("a", "1");
        assertThat(new EncryptionContext(forward).canonicalBytes()).isEqualTo(new EncryptionContext(backward).canonicalBytes());
    }

    @Test
    void movingCharactersBetweenKeyAndValueChangesTheBytes() {
        assertThat(new EncryptionContext(Map.of("ab", "c")).canonicalBytes())
                .isNotEqualTo(new EncryptionContext(Map.of("a", "bc")).canonicalBytes());
    }
}
