package io.authpipe.vault.internal;

import io.authpipe.vault.KekRef;

/**
 * One reserved encryption with a tenant's encryption data key: a copy of the key (destroy it after sealing), the
 * wrapped form that goes into the envelope, and the KEK that wrapped it.
 */
public record EncryptionLease(DestroyableKey key, byte[] wrapped, KekRef kek) implements AutoCloseable {

    /** Zeroes the leased key copy. */
    @Override
    public void close() {
        key.destroy();
    }

    @Override
    public String toString() {
        return "EncryptionLease[key=[redacted], wrapped=[" + wrapped.length + " bytes], kek=" + kek + "]";
    }
}
