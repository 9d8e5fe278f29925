/**
 * The vault: envelope encryption of every secret Authpipe stores (tokens, client secrets, PKCE verifiers, API keys,
 * webhook secrets) before it touches Kafka or disk.
 *
 * <p>{@link io.authpipe.vault.Vault} seals a {@link io.authpipe.core.secret.Secret} with AES-256-GCM under a data key
 * (DEK) that a {@link io.authpipe.vault.Kms} generated and wrapped under the tenant's key-encryption key (KEK),
 * binding it to a {@link io.authpipe.vault.SecretBinding} (tenant, provider, subject, purpose). The envelope carries
 * the wrapped DEK and the KEK's canonical ref ({@link io.authpipe.vault.KekRef}); the tenant record carries only its
 * KEK refs ({@link io.authpipe.vault.TenantKeys}). Rotation adds a KEK; destroying the KEKs crypto-shreds the tenant.
 * Lifetimes of cached DEKs: {@link io.authpipe.vault.VaultPolicy}. Byte formats: {@code vault/ENVELOPE.md}.
 *
 * <p>Failures, three kinds: {@link io.authpipe.vault.VaultCryptoException} (opaque, permanent),
 * {@link io.authpipe.vault.KmsUnavailableException} (transient, retryable) and
 * {@link io.authpipe.vault.KmsKeyUnusableException} (permanent: key disabled, destroyed, unknown, denied). KMS
 * implementations and decorators live in {@code io.authpipe.vault.kms} (AWS: {@code io.authpipe.vault.kms.aws});
 * {@code io.authpipe.vault.internal} is not API.
 */
package io.authpipe.vault;
