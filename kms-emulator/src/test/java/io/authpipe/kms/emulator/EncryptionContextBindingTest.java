package io.authpipe.kms.emulator;

import static io.authpipe.kms.emulator.KmsFixture.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

class EncryptionContextBindingTest {

    private final KmsFixture fixture = new KmsFixture();
    private final String key = fixture.newKey();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aDifferentValueDoesNotDecrypt() {
        byte[] blob = fixture.encrypt(key, "secret", Map.of("tenant", "t-1"));

        assertThat(failsWith("InvalidCiphertextException", () -> decrypt(blob, Map.of("tenant", "t-2"))))
                .isInstanceOf(InvalidCiphertextException.class);
    }

    @Test
    void aMissingContextDoesNotDecrypt() {
        byte[] blob = fixture.encrypt(key, "secret", Map.of("tenant", "t-1"));

        failsWith("InvalidCiphertextException", () -> decrypt(blob, Map.of()));
    }

    @Test
    void anExtraPairDoesNotDecrypt() {
        byte[] blob = fixture.encrypt(key, "secret", Map.of("tenant", "t-1"));

        failsWith("InvalidCiphertextException", () -> decrypt(blob, Map.of("tenant", "t-1", "purpose", "x")));
    }

    @Test
    void aContextGivenOnlyAtDecryptionDoesNotDecrypt() {
        byte[] blob = fixture.encrypt(key, "secret", Map.of());

        failsWith("InvalidCiphertextException", () -> decrypt(blob, Map.of("tenant", "t-1")));
    }

    @Test
    void theOrderOfPairsDoesNotMatter() {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("a", "1");
        forward.put("b", "2");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("b", "2");
        backward.put("a", "1");
        byte[] blob = fixture.encrypt(key, "secret", forward);

        assertThat(decrypt(blob, backward)).isEqualTo("secret");
    }

    @Test
    void pairsThatConcatenateAlikeAreStillDifferentContexts() {
        byte[] blob = fixture.encrypt(key, "secret", Map.of("ab", "c"));

        failsWith("InvalidCiphertextException", () -> decrypt(blob, Map.of("a", "bc")));
    }

    private String decrypt(byte[] blob, Map<String, String> context) {
        return fixture.kms.decrypt(request -> request.ciphertextBlob(SdkBytes.fromByteArray(blob))
                .encryptionContext(context)).plaintext().asUtf8String();
    }
}
