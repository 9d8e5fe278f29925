package io.authpipe.kms.emulator;

import static io.authpipe.kms.emulator.KmsFixture.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;

class CiphertextIntegrityTest {

    private static final Map<String, String> CONTEXT = Map.of("tenant", "t-1");

    private final KmsFixture fixture = new KmsFixture();
    private final String key = fixture.newKey();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void flippingAnyByteOfTheBlobMakesItUndecryptable() {
        byte[] blob = fixture.encrypt(key, "s", CONTEXT);

        for (int i = 0; i < blob.length; i++) {
            byte[] tampered = blob.clone();
            tampered[i] ^= 0x01;
            failsWith("InvalidCiphertextException", () -> decrypt(tampered, null));
        }
    }

    @Test
    void aTruncatedBlobIsInvalid() {
        byte[] blob = fixture.encrypt(key, "secret", CONTEXT);

        failsWith("InvalidCiphertextException", () -> decrypt(Arrays.copyOf(blob, blob.length - 1), null));
        failsWith("InvalidCiphertextException", () -> decrypt(Arrays.copyOf(blob, 20), null));
    }

    @Test
    void aBlobFromAnotherEmulatorIsInvalidHere() {
        byte[] foreign;
        try (KmsFixture other = new KmsFixture()) {
            foreign = other.encrypt(other.newKey(), "secret", CONTEXT);
        }

        failsWith("InvalidCiphertextException", () -> decrypt(foreign, null));
    }

    @Test
    void decryptingWithTheWrongKeyIdIsAnIncorrectKeyError() {
        String otherKey = fixture.newKey();
        byte[] blob = fixture.encrypt(key, "secret", CONTEXT);

        assertThat(failsWith("IncorrectKeyException", () -> decrypt(blob, otherKey)))
                .isInstanceOf(IncorrectKeyException.class);
    }

    @Test
    void decryptingWithAnUnknownKeyIdIsNotFound() {
        byte[] blob = fixture.encrypt(key, "secret", CONTEXT);

        failsWith("NotFoundException", () -> decrypt(blob, "alias/nobody"));
    }

    @Test
    void theBlobNamesItsKeyAndMaterialVersion() {
        byte[] blob = fixture.encrypt(key, "secret", CONTEXT);

        String keyId = key.substring(key.indexOf("key/") + "key/".length());
        ByteBuffer header = ByteBuffer.wrap(blob);
        assertThat(header.get()).isEqualTo((byte) 1);
        assertThat(new UUID(header.getLong(), header.getLong())).hasToString(keyId);
        assertThat(header.getInt()).isEqualTo(1);
    }

    private String decrypt(byte[] blob, String keyId) {
        return fixture.kms.decrypt(request -> request.ciphertextBlob(SdkBytes.fromByteArray(blob))
                .encryptionContext(CONTEXT).keyId(keyId)).plaintext().asUtf8String();
    }
}
