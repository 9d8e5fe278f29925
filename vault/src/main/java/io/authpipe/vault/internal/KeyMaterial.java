package io.authpipe.vault.internal;

import java.util.Arrays;

/**
 * The bytes of one cached key. Each use leases its own copy ({@link #lease()}, destroyed by the user when done), so
 * {@link #destroy()} can zero the cached bytes at any time without pulling a key from under a cipher in use.
 */
public final class KeyMaterial {
    private final byte[] bytes;
    private boolean destroyed;

    /** Takes ownership of {@code bytes}: they are zeroed on {@link #destroy()}. */
    public KeyMaterial(byte[] bytes) {
        if (bytes.length != AesGcm.KEY_BYTES) {
            Arrays.fill(bytes, (byte) 0);
            throw new IllegalArgumentException("AES-256 key must be " + AesGcm.KEY_BYTES + " bytes");
        }
        this.bytes = bytes;
    }

    /** A key over a copy of the bytes, which the caller destroys after use; null once destroyed. */
    public synchronized DestroyableKey lease() {
        return destroyed ? null : new DestroyableKey(bytes.clone());
    }

    /** Zeroes the bytes; nothing is leased afterwards. Idempotent. */
    public synchronized void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    public synchronized boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "KeyMaterial[redacted]";
    }
}
