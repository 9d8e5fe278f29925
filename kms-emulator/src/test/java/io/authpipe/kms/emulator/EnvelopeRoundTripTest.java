package io.authpipe.kms.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

class EnvelopeRoundTripTest {

    private static final Map<String, String> TENANT = Map.of("tenant", "t-1", "purpose", "credential");

    private final KmsFixture fixture = new KmsFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aGeneratedDataKeyDecryptsToItsPlaintext() {
        String key = fixture.newKey();

        GenerateDataKeyResponse generated = fixture.kms.generateDataKey(request -> request.keyId(key)
                .keySpec(DataKeySpec.AES_256).encryptionContext(TENANT));
        DecryptResponse decrypted = fixture.kms.decrypt(request -> request
                .ciphertextBlob(generated.ciphertextBlob()).encryptionContext(TENANT));

        assertThat(generated.plaintext().asByteArray()).hasSize(32);
        assertThat(generated.keyId()).isEqualTo(key);
        assertThat(decrypted.plaintext()).isEqualTo(generated.plaintext());
        assertThat(decrypted.keyId()).isEqualTo(key);
        assertThat(decrypted.encryptionAlgorithm()).isEqualTo(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
    }

    @Test
    void encryptedPlaintextDecryptsUnderTheSameEncryptionContext() {
        String key = fixture.newKey();

        EncryptResponse encrypted = fixture.kms.encrypt(request -> request.keyId(key)
                .plaintext(SdkBytes.fromUtf8String("refresh-token")).encryptionContext(TENANT));
        DecryptResponse decrypted = fixture.kms.decrypt(request -> request.keyId(key)
                .ciphertextBlob(encrypted.ciphertextBlob()).encryptionContext(TENANT));

        assertThat(encrypted.keyId()).isEqualTo(key);
        assertThat(encrypted.encryptionAlgorithm()).isEqualTo(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
        assertThat(decrypted.plaintext().asUtf8String()).isEqualTo("refresh-token");
    }

    @Test
    void theCiphertextIsNeitherThePlaintextNorRepeated() {
        String key = fixture.newKey();

        byte[] first = fixture.encrypt(key, "same secret", Map.of());
        byte[] second = fixture.encrypt(key, "same secret", Map.of());

        assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain("same secret");
        assertThat(first).isNotEqualTo(second);
        assertThat(first).hasSize(49 + "same secret".length());
    }

    @Test
    void aDataKeyWithoutPlaintextStillDecrypts() {
        String key = fixture.newKey();

        var generated = fixture.kms.generateDataKeyWithoutPlaintext(request -> request.keyId(key)
                .keySpec(DataKeySpec.AES_128));
        DecryptResponse decrypted = fixture.kms.decrypt(request -> request
                .ciphertextBlob(generated.ciphertextBlob()));

        assertThat(generated.keyId()).isEqualTo(key);
        assertThat(decrypted.plaintext().asByteArray()).hasSize(16);
    }

    @Test
    void numberOfBytesSetsTheDataKeyLength() {
        String key = fixture.newKey();

        GenerateDataKeyResponse generated = fixture.kms.generateDataKey(request -> request.keyId(key)
                .numberOfBytes(1024));

        assertThat(generated.plaintext().asByteArray()).hasSize(1024);
    }
}
