package io.authpipe.kms.emulator.internal;

import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One version of a KMS key's 256-bit AES key material. Versions count from 1; a rotation adds the next one.
 * {@link #toString()} never shows the key bytes.
 */
record KeyMaterial(int version, SecretKey key) {

    static final int KEY_BYTES = 32;

    KeyMaterial {
        Objects.requireNonNull(key, "key");
        if (version < 1) {
            throw new IllegalArgumentException("material versions start at 1");
        }
    }

    /** Fresh random material for the given version. */
    static KeyMaterial generate(int version, SecureRandom random) {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        return new KeyMaterial(version, new SecretKeySpec(bytes, "AES"));
    }

    @Override
    public String toString() {
        return "KeyMaterial[version=" + version + ", key=[redacted]]";
    }
}
