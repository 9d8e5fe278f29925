package io.authpipe.kms.emulator;

import static io.authpipe.kms.emulator.KmsFixture.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.ReEncryptResponse;

class ReEncryptTest {

    private static final Map<String, String> OLD_CONTEXT = Map.of("tenant", "t-1", "kek", "old");
    private static final Map<String, String> NEW_CONTEXT = Map.of("tenant", "t-1", "kek", "new");

    private final KmsFixture fixture = new KmsFixture();
    private final String source = fixture.newKey();
    private final String destination = fixture.newKey();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void reEncryptingMovesABlobToAnotherKeyAndContext() {
        byte[] blob = fixture.encrypt(source, "secret", OLD_CONTEXT);

        ReEncryptResponse moved = fixture.kms.reEncrypt(request -> request
                .ciphertextBlob(SdkBytes.fromByteArray(blob)).sourceEncryptionContext(OLD_CONTEXT)
                .destinationKeyId(destination).destinationEncryptionContext(NEW_CONTEXT));

        assertThat(moved.sourceKeyId()).isEqualTo(source);
        assertThat(moved.keyId()).isEqualTo(destination);
        var decrypted = fixture.kms.decrypt(request -> request.ciphertextBlob(moved.ciphertextBlob())
                .encryptionContext(NEW_CONTEXT).keyId(destination));
        assertThat(decrypted.plaintext().asUtf8String()).isEqualTo("secret");
    }

    @Test
    void reEncryptingChecksTheSourceContextAndKey() {
        byte[] blob = fixture.encrypt(source, "secret", OLD_CONTEXT);

        failsWith("InvalidCiphertextException", () -> fixture.kms.reEncrypt(request -> request
                .ciphertextBlob(SdkBytes.fromByteArray(blob)).destinationKeyId(destination)));
        failsWith("IncorrectKeyException", () -> fixture.kms.reEncrypt(request -> request
                .ciphertextBlob(SdkBytes.fromByteArray(blob)).sourceEncryptionContext(OLD_CONTEXT)
                .sourceKeyId(destination).destinationKeyId(destination)));
    }

    @Test
    void reEncryptingToADisabledKeyFails() {
        byte[] blob = fixture.encrypt(source, "secret", OLD_CONTEXT);
        fixture.kms.disableKey(request -> request.keyId(destination));

        failsWith("DisabledException", () -> fixture.kms.reEncrypt(request -> request
                .ciphertextBlob(SdkBytes.fromByteArray(blob)).sourceEncryptionContext(OLD_CONTEXT)
                .destinationKeyId(destination)));
    }
}
