/**
 * Not API: the cipher ({@link io.authpipe.vault.internal.AesGcm}), the byte formats
 * ({@link io.authpipe.vault.internal.EnvelopeV2}, {@link io.authpipe.vault.internal.EnvelopeV1},
 * {@link io.authpipe.vault.internal.KeyWrapV1}, {@link io.authpipe.vault.internal.EncryptionContext}), the data-key
 * caches ({@link io.authpipe.vault.internal.DataKeys}: encryption DEKs with refresh, expiry and budget; unwrapped DEKs
 * with idle expiry; one KMS call per missing key), destroyable key material, and the in-process KEK shared by the
 * embedded KMSs. Other modules must not depend on it.
 */
package io.authpipe.vault.internal;
