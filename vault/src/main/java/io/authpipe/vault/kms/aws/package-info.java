/**
 * {@link io.authpipe.vault.Kms} on AWS KMS through the AWS SDK v2: {@link io.authpipe.vault.kms.aws.AwsKms}
 * (per-tenant keys or one shared key), configured by {@link io.authpipe.vault.kms.aws.AwsKmsSettings} (environment
 * variables) with a client from {@link io.authpipe.vault.kms.aws.AwsKmsClients} (SDK retries off, bounded timeouts).
 * Wrap it in {@link io.authpipe.vault.kms.ResilientKms}.
 */
package io.authpipe.vault.kms.aws;
