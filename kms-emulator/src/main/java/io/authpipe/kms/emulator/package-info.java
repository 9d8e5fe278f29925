/**
 * An AWS KMS emulator for tests: {@link io.authpipe.kms.emulator.KmsEmulator} serves the AWS JSON 1.1 wire
 * protocol on a loopback port so the real AWS SDK v2 {@code KmsClient} runs end to end against it, with real
 * AES-256-GCM envelope encryption, key rotation, key states, EncryptionContext binding and fault injection.
 * Everything under {@code internal} is not API.
 */
package io.authpipe.kms.emulator;
