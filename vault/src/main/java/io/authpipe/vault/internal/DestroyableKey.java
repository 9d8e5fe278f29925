package io.authpipe.vault.internal;

import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * An AES key whose bytes this class owns and zeroes on {@link #destroy()} ({@code SecretKeySpec} cannot be destroyed
 * on Java 17). {@link #getEncoded()} hands the cipher a copy; what the JCE provider does with its copy and its key
 * schedule is outside our control (they die with the short-lived {@code Cipher}). Never serialized. Not thread-safe:
 * each use gets its own instance ({@link KeyMaterial#lease()}).
 */
public final class DestroyableKey implements SecretKey {
    private static final long serialVersionUID = 1L;

    private final byte[] bytes;
    private boolean destroyed;

    /** Takes ownership of {@code bytes} (32 bytes). */
    public DestroyableKey(byte[] bytes) {
        if (bytes.length != AesGcm.KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 key must be " + AesGcm.KEY_BYTES + " bytes");
        }
        this.bytes = bytes;
    }

    @Override
    public String getAlgorithm() {
        return "AES";
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    @Override
    public byte[] getEncoded() {
        if (destroyed) {
            throw new IllegalStateException("key destroyed");
        }
        return bytes.clone();
    }

    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "DestroyableKey[redacted]";
    }

    private void writeObject(java.io.ObjectOutputStream out) throws java.io.NotSerializableException {
        throw new java.io.NotSerializableException("key material is never serialized");
    }
}
