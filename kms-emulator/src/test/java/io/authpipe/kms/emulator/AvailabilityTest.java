package io.authpipe.kms.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.authpipe.kms.emulator.KmsEmulator.Availability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.KmsException;

class AvailabilityTest {

    private static final int ATTEMPTS = 3;

    private final KmsFixture fixture = new KmsFixture();
    private final String key = fixture.newKey();
    private final KmsClient retrying = KmsFixture.clientWithFastRetries(fixture.emulator, ATTEMPTS);

    @AfterEach
    void close() {
        retrying.close();
        fixture.close();
    }

    @Test
    void anInternalErrorIsRetriedAndThenSurfacesAsA503() {
        fixture.emulator.setAvailability(Availability.INTERNAL_ERROR);

        Throwable thrown = catchThrowable(this::generateDataKey);

        assertThat(thrown).isInstanceOf(KmsException.class);
        assertThat(((SdkServiceException) thrown).statusCode()).isEqualTo(503);
        assertThat(((KmsException) thrown).awsErrorDetails().errorCode()).isEqualTo("KMSInternalException");
        assertThat(fixture.emulator.callCount("GenerateDataKey")).isEqualTo(ATTEMPTS);
    }

    @Test
    void throttlingSurfacesAsAThrottlingError() {
        fixture.emulator.setAvailability(Availability.THROTTLING);

        Throwable thrown = catchThrowable(this::generateDataKey);

        assertThat(thrown).isInstanceOf(KmsException.class);
        assertThat(((SdkServiceException) thrown).isThrottlingException()).isTrue();
        assertThat(((KmsException) thrown).awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
        assertThat(fixture.emulator.callCount("GenerateDataKey")).isEqualTo(ATTEMPTS);
    }

    @Test
    void aDroppedConnectionSurfacesAsAClientError() {
        fixture.emulator.setAvailability(Availability.DROP);

        Throwable thrown = catchThrowable(this::generateDataKey);

        assertThat(thrown).isInstanceOf(SdkClientException.class).isNotInstanceOf(SdkServiceException.class);
        assertThat(fixture.emulator.callCount("GenerateDataKey")).isEqualTo(ATTEMPTS);
    }

    @Test
    void callsSucceedAgainOnceTheEmulatorIsUp() {
        fixture.emulator.setAvailability(Availability.DROP);
        catchThrowable(this::generateDataKey);

        fixture.emulator.setAvailability(Availability.UP);

        assertThat(generateDataKey()).hasSize(32);
    }

    @Test
    void clientErrorsAreNotRetried() {
        catchThrowable(() -> retrying.describeKey(request -> request.keyId("alias/missing")));

        assertThat(fixture.emulator.callCount("DescribeKey")).isEqualTo(1);
    }

    private byte[] generateDataKey() {
        return retrying.generateDataKey(request -> request.keyId(key).keySpec(DataKeySpec.AES_256))
                .plaintext().asByteArray();
    }
}
