/**
 * {@link io.authpipe.vault.Kms} implementations: {@link io.authpipe.vault.kms.LocalKeyFileKms} (embedded default,
 * KEK in a 0600 key file) and {@link io.authpipe.vault.kms.InMemoryKms} (tests). AWS KMS joins them later.
 */
package io.authpipe.vault.kms;
