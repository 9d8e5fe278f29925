/**
 * The vault: envelope encryption of every secret Authpipe stores (tokens, client secrets, PKCE verifiers, API keys,
 * webhook secrets) before it touches Kafka or disk.
 *
 * <p>{@link io.authpipe.vault.Vault} seals a {@link io.authpipe.core.secret.Secret} with AES-256-GCM under the
 * tenant's current data key (DEK), binding it to a {@link io.authpipe.vault.SecretBinding} (tenant, provider,
 * subject, purpose). DEKs are generated and wrapped by a {@link io.authpipe.vault.Kms} under a key-encryption key;
 * the wrapped DEKs ({@link io.authpipe.vault.TenantKeys}) are stored with the tenant. Byte formats: {@code
 * vault/ENVELOPE.md}.
 *
 * <p>Failures: {@link io.authpipe.vault.VaultCryptoException} (opaque, permanent) versus
 * {@link io.authpipe.vault.KmsUnavailableException} (retryable). KMS implementations live in
 * {@code io.authpipe.vault.kms}; {@code io.authpipe.vault.internal} is not API.
 */
package io.authpipe.vault;
