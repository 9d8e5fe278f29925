package io.authpipe.vault;

import java.util.Objects;

/**
 * The canonical name of a key-encryption key (KEK): what is stored with a tenant and written into every envelope.
 *
 * <p>Forms, by {@link Kms} implementation: the AWS KMS <b>key ARN</b> (never an alias, which can be re-pointed);
 * {@code local:<tenant>:<n>:<16 hex>} for a tenant KEK file of the local key file KMS, and {@code local:<16 hex>} for
 * its master key (legacy v1 data keys); {@code memory:<tenant>:<n>:<16 hex>} in memory. The hex is the first 64 bits of
 * SHA-256 of the key bytes, so a ref names exactly one key. {@link Kms#resolve} turns other names (key id, alias) into
 * this form. Not secret: safe to store and log.
 *
 * @param value the canonical name, not blank
 */
public record KekRef(String value) {

    public KekRef {
        Objects.requireNonNull(value, "kek ref");
        if (value.isBlank()) {
            throw new IllegalArgumentException("kek ref must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
