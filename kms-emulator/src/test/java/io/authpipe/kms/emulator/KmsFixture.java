package io.authpipe.kms.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * One emulator on a hand-moved clock and a real AWS SDK {@link KmsClient} configured as AWS-KMS.md says
 * (endpoint override, us-east-1, static test credentials). Close it after each test.
 */
final class KmsFixture implements AutoCloseable {

    final MutableClock clock = MutableClock.atFixedStart();
    final KmsEmulator emulator = KmsEmulator.start(clock);
    final KmsClient kms = client(emulator);

    /** A client as production configures it (the SDK's default retries). */
    static KmsClient client(KmsEmulator emulator) {
        return builder(emulator).build();
    }

    /** A client that retries at once, at most {@code maxAttempts} attempts in all, so fault tests stay fast. */
    static KmsClient clientWithFastRetries(KmsEmulator emulator, int maxAttempts) {
        return builder(emulator).overrideConfiguration(config -> config.retryStrategy(
                AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(maxAttempts)
                        .backoffStrategy(BackoffStrategy.retryImmediately())
                        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                        .circuitBreakerEnabled(false)
                        .build()))
                .build();
    }

    private static KmsClientBuilder builder(KmsEmulator emulator) {
        return KmsClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    }

    /** Creates a key over the wire and returns its ARN. */
    String newKey() {
        return kms.createKey(request -> request.description("test key")).keyMetadata().arn();
    }

    byte[] encrypt(String keyId, String plaintext, Map<String, String> context) {
        return kms.encrypt(request -> request.keyId(keyId).plaintext(SdkBytes.fromUtf8String(plaintext))
                .encryptionContext(context)).ciphertextBlob().asByteArray();
    }

    /** Asserts the call fails with the given AWS error code and returns the exception for further checks. */
    static KmsException failsWith(String errorCode, ThrowingCallable call) {
        KmsException e = catchThrowableOfType(KmsException.class, call);
        assertThat(e).as("expected %s", errorCode).isNotNull();
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorCode);
        assertThat(e.statusCode()).isEqualTo(400);
        return e;
    }

    @Override
    public void close() {
        kms.close();
        emulator.close();
    }
}
