package io.authpipe.vault.kms.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * Builds the synchronous {@link KmsClient} Authpipe uses: the SDK's retries <b>off</b> ({@code ResilientKms} retries,
 * with a time budget the SDK's retries would blow: it retries 5xx and throttling up to 3 times with backoff), an attempt
 * timeout of {@link #ATTEMPT_TIMEOUT} and a call timeout of {@link #CALL_TIMEOUT}, so no call blocks longer. Endpoint
 * and region from {@link AwsKmsSettings} when given, else the SDK's defaults (which also honour
 * {@code AWS_ENDPOINT_URL_KMS}, {@code AWS_REGION} and the profile); the HTTP client is the SDK's default (Apache).
 */
public final class AwsKmsClients {
    /** The longest one HTTP attempt may take (connect, send, wait, read). */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    /** The longest one SDK call may take, all attempts included (one attempt, as retries are off). */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private AwsKmsClients() {
    }

    /** A client for {@code settings} with the default timeouts. */
    public static KmsClient client(AwsKmsSettings settings, AwsCredentialsProvider credentials) {
        return client(settings, credentials, ATTEMPT_TIMEOUT);
    }

    /** A client for {@code settings} whose attempts time out after {@code attemptTimeout}. */
    public static KmsClient client(AwsKmsSettings settings, AwsCredentialsProvider credentials, Duration attemptTimeout) {
        KmsClientBuilder builder = KmsClient.builder()
                .credentialsProvider(credentials)
                .overrideConfiguration(config -> config
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(attemptTimeout)
                        .apiCallTimeout(CALL_TIMEOUT.compareTo(attemptTimeout) > 0 ? CALL_TIMEOUT : attemptTimeout));
        settings.endpointOverride().ifPresent(builder::endpointOverride);
        settings.region().map(Region::of).ifPresent(builder::region);
        return builder.build();
    }
}
