package io.authpipe.sandbox.mastodon.internal.state;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A Web Push VAPID public key in Mastodon's format: the uncompressed P-256 point ({@code 0x04 || X || Y}, 65 bytes)
 * as URL-safe base64 with padding, e.g. {@code "BCk-…="} (the {@code vapid_key} field, §1).
 */
public final class VapidKey {

    private VapidKey() {
    }

    /** Generates a fresh key; only the public half is kept. */
    public static String generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
            byte[] point = new byte[65];
            point[0] = 0x04;
            copyCoordinate(key.getW().getAffineX(), point, 1);
            copyCoordinate(key.getW().getAffineY(), point, 33);
            return Base64.getUrlEncoder().encodeToString(point);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is not available in this JVM", e);
        }
    }

    private static void copyCoordinate(BigInteger value, byte[] target, int offset) {
        byte[] raw = value.toByteArray();
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, target, offset + 32 - length, length);
    }
}
