package io.authpipe.benchmarks;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.Purpose;
import io.authpipe.vault.SecretBinding;
import java.util.Base64;
import java.util.Random;

/**
 * Credentials shaped like Mastodon's: access and refresh tokens of 43 characters (Doorkeeper's
 * {@code SecureRandom.urlsafe_base64(32)}: 32 random bytes, base64url without padding), bound to 18-digit user ids
 * (Mastodon's snowflake ids).
 */
final class MastodonCredentials {
    /** Characters in a Mastodon access or refresh token. */
    static final int TOKEN_LENGTH = 43;
    static final String PROVIDER = "mastodon";
    private static final long FIRST_USER_ID = 109_372_945_837_461_230L;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private MastodonCredentials() {
    }

    /** A token from {@code random} (not a secure generator: these tokens are only benchmark payload). */
    static String token(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** The binding of the {@code purpose} secret of the {@code user}-th connection of {@code tenant}. */
    static SecretBinding binding(TenantId tenant, int user, Purpose purpose) {
        return new SecretBinding(tenant, PROVIDER, Long.toString(FIRST_USER_ID + user), purpose);
    }
}
