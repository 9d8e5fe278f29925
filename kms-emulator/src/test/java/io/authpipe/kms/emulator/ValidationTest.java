package io.authpipe.kms.emulator;

import static io.authpipe.kms.emulator.KmsFixture.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.KmsException;

/** Codes the SDK does not model arrive as a plain {@link KmsException} carrying the error code, never as 5xx. */
class ValidationTest {

    private final KmsFixture fixture = new KmsFixture();
    private final String key = fixture.newKey();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void plaintextOverFourKilobytesIsAValidationError() {
        KmsException e = failsWith("ValidationException", () -> fixture.kms.encrypt(request -> request.keyId(key)
                .plaintext(SdkBytes.fromByteArray(new byte[4097]))));

        assertThat(e.getClass()).isEqualTo(KmsException.class);
        assertThat(e.awsErrorDetails().errorMessage()).doesNotContain("AAAA");
        assertThat(fixture.emulator.callCount("Encrypt")).isEqualTo(1);
    }

    @Test
    void plaintextOfExactlyFourKilobytesIsAccepted() {
        fixture.kms.encrypt(request -> request.keyId(key).plaintext(SdkBytes.fromByteArray(new byte[4096])));
    }

    @Test
    void aMissingKeyIdIsAValidationError() {
        failsWith("ValidationException", () -> fixture.kms.generateDataKey(request -> request
                .keySpec(DataKeySpec.AES_256)));
    }

    @Test
    void aDeletionWindowOutsideSevenToThirtyDaysIsAValidationError() {
        failsWith("ValidationException", () -> fixture.kms.scheduleKeyDeletion(r -> r.keyId(key)
                .pendingWindowInDays(6)));
        failsWith("ValidationException", () -> fixture.kms.scheduleKeyDeletion(r -> r.keyId(key)
                .pendingWindowInDays(31)));
    }

    @Test
    void aDataKeyLengthOutsideOneTo1024BytesIsAValidationError() {
        failsWith("ValidationException", () -> fixture.kms.generateDataKey(r -> r.keyId(key).numberOfBytes(0)));
        failsWith("ValidationException", () -> fixture.kms.generateDataKey(r -> r.keyId(key).numberOfBytes(1025)));
    }

    @Test
    void aDataKeyNeedsExactlyOneOfKeySpecAndNumberOfBytes() {
        failsWith("ValidationException", () -> fixture.kms.generateDataKey(r -> r.keyId(key)));
        failsWith("ValidationException", () -> fixture.kms.generateDataKey(r -> r.keyId(key)
                .keySpec(DataKeySpec.AES_256).numberOfBytes(32)));
    }
}
