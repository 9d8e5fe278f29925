/**
 * {@link io.authpipe.vault.Kms} implementations and decorators: {@link io.authpipe.vault.kms.LocalKeyFileKms}
 * (embedded default: a master key file and per-tenant KEK files), {@link io.authpipe.vault.kms.InMemoryKms} (tests),
 * {@link io.authpipe.vault.kms.ResilientKms} (retries transient failures within a time budget). AWS KMS lives in
 * {@code io.authpipe.vault.kms.aws}.
 */
package io.authpipe.vault.kms;
