package io.authpipe.api.signing;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a request on a request topic: base64url (no padding) of HMAC-SHA256 over its
 * {@link CanonicalRequest} bytes, keyed with the producer signing key's 32 bytes (the key as issued is their
 * base64url form). A request is fresh while its {@code signedAt} is within {@link #WINDOW} of the broker's clock.
 */
public final class RequestSignature {
    /** How far {@code signedAt} may be from the verifier's clock, either way. */
    public static final Duration WINDOW = Duration.ofMinutes(5);
    private static final String HMAC = "HmacSHA256";

    private RequestSignature() {
    }

    /** The signature of {@code canonical} under {@code key} (the issued key, base64url). */
    public static String sign(String key, byte[] canonical) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, canonical));
    }

    /** Whether {@code signature} is that of {@code canonical} under {@code key}, compared in constant time. */
    public static boolean verify(String key, byte[] canonical, String signature) {
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(key, canonical), given);
    }

    private static byte[] mac(String key, byte[] canonical) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(decodeKey(key), HMAC));
            return mac.doFinal(canonical);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static byte[] decodeKey(String key) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(key);
            if (bytes.length != 32) {
                throw new IllegalArgumentException("a producer signing key is 32 bytes, base64url");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a producer signing key is 32 bytes, base64url");
        }
    }
}
