package io.authpipe.sandbox.mastodon.internal.state;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random credential strings as Mastodon makes them: {@code SecureRandom.urlsafe_base64(32)}, i.e. 32 random bytes
 * as unpadded URL-safe base64, 43 characters from {@code [A-Za-z0-9_-]} ({@code MASTODON.md} §1, §3).
 */
public final class SecureTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SecureTokens() {
    }

    /** A fresh 43-character URL-safe token. */
    public static String urlsafe32() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
