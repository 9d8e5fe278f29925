package io.authpipe.mastodon;

import io.authpipe.core.secret.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A token endpoint success (RFC 6749 §5.1). Stock Mastodon sends no {@code expires_in} and no
 * {@code refresh_token}; Pleroma and Akkoma send both (MASTODON.md §3, §9). {@code createdAt} may be long ago
 * because Mastodon returns an existing token for the same app, user and scopes.
 */
public record TokenGrant(
        Secret accessToken,
        String tokenType,
        List<String> scopes,
        Instant createdAt,
        Optional<Instant> expiresAt,
        Optional<Secret> refreshToken) {
}
