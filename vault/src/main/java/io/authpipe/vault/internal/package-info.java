/**
 * Not API: the cipher ({@link io.authpipe.vault.internal.AesGcm}), the byte formats
 * ({@link io.authpipe.vault.internal.EnvelopeV1}, {@link io.authpipe.vault.internal.KeyWrapV1},
 * {@link io.authpipe.vault.internal.EncryptionContext}), the DEK cache and the in-process KEK shared by the embedded
 * KMSs. Other modules must not depend on it.
 */
package io.authpipe.vault.internal;
