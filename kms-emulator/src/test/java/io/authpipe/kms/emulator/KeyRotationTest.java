package io.authpipe.kms.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

class KeyRotationTest {

    private static final Map<String, String> CONTEXT = Map.of("tenant", "t-1");

    private final KmsFixture fixture = new KmsFixture();
    private final String key = fixture.newKey();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void blobsFromBeforeARotationStillDecrypt() {
        byte[] before = fixture.encrypt(key, "old secret", CONTEXT);

        String rotated = fixture.kms.rotateKeyOnDemand(request -> request.keyId(key)).keyId();

        assertThat(rotated).isEqualTo(key);
        assertThat(decrypt(before)).isEqualTo("old secret");
    }

    @Test
    void newBlobsCarryTheNewMaterialVersion() {
        byte[] before = fixture.encrypt(key, "secret", CONTEXT);

        fixture.kms.rotateKeyOnDemand(request -> request.keyId(key));
        fixture.kms.rotateKeyOnDemand(request -> request.keyId(key));
        byte[] after = fixture.encrypt(key, "secret", CONTEXT);

        assertThat(materialVersion(before)).isEqualTo(1);
        assertThat(materialVersion(after)).isEqualTo(3);
        assertThat(decrypt(after)).isEqualTo("secret");
    }

    @Test
    void aBlobClaimingAMaterialVersionTheKeyDoesNotHaveIsInvalid() {
        byte[] blob = fixture.encrypt(key, "secret", CONTEXT);
        ByteBuffer.wrap(blob).putInt(17, 2);

        KmsFixture.failsWith("InvalidCiphertextException", () -> decrypt(blob));
    }

    private static int materialVersion(byte[] blob) {
        return ByteBuffer.wrap(blob).getInt(17);
    }

    private String decrypt(byte[] blob) {
        return fixture.kms.decrypt(request -> request.ciphertextBlob(SdkBytes.fromByteArray(blob))
                .encryptionContext(CONTEXT)).plaintext().asUtf8String();
    }
}
