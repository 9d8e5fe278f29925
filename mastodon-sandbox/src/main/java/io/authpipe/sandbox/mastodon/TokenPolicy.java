package io.authpipe.sandbox.mastodon;

import java.time.Duration;
import java.util.Objects;

/**
 * How the sandbox issues access tokens.
 *
 * <p>Stock Mastodon ({@link #neverExpire()}) issues tokens that never expire and no refresh tokens
 * ({@code MASTODON.md} §3). Mastodon-API servers such as Pleroma and Akkoma issue expiring tokens with refresh
 * tokens (§9); {@link #expiring(Duration, boolean)} imitates them, and with rotation it behaves like strict OAuth
 * servers (Keycloak, see {@code DESIGN.md}): replaying a rotated refresh token revokes the whole token family.
 *
 * @param accessTokenTtl           lifetime of an access token; {@code null} means it never expires
 * @param issueRefreshTokens       whether tokens come with a refresh token and {@code grant_type=refresh_token} works
 * @param rotateRefreshTokens      whether each refresh returns a new refresh token (the old one becomes a replay trap);
 *                                 without rotation the same refresh token value is carried over (Pleroma)
 * @param revokeTokensOnCodeReplay whether replaying a used authorization code also revokes the tokens issued from it
 *                                 (strict servers do; Mastodon/Doorkeeper only answers {@code invalid_grant})
 */
public record TokenPolicy(Duration accessTokenTtl, boolean issueRefreshTokens, boolean rotateRefreshTokens,
                          boolean revokeTokensOnCodeReplay) {

    /** Validates: a TTL must be positive, rotation needs refresh tokens. */
    public TokenPolicy {
        if (accessTokenTtl != null && (accessTokenTtl.isZero() || accessTokenTtl.isNegative())) {
            throw new IllegalArgumentException("accessTokenTtl must be positive or null, was " + accessTokenTtl);
        }
        if (rotateRefreshTokens && !issueRefreshTokens) {
            throw new IllegalArgumentException("rotateRefreshTokens requires issueRefreshTokens");
        }
    }

    /** A policy without code-replay revocation (the three-argument form others code against). */
    public TokenPolicy(Duration accessTokenTtl, boolean issueRefreshTokens, boolean rotateRefreshTokens) {
        this(accessTokenTtl, issueRefreshTokens, rotateRefreshTokens, false);
    }

    /** Stock Mastodon: tokens never expire, no {@code expires_in}, no refresh tokens. */
    public static TokenPolicy neverExpire() {
        return new TokenPolicy(null, false, false, false);
    }

    /**
     * Pleroma/Akkoma-like: tokens expire after {@code ttl}; responses carry {@code expires_in} and
     * {@code refresh_token}; {@code grant_type=refresh_token} is supported.
     */
    public static TokenPolicy expiring(Duration ttl, boolean rotateRefreshTokens) {
        return new TokenPolicy(Objects.requireNonNull(ttl, "ttl"), true, rotateRefreshTokens, false);
    }

    /** A copy that does (or does not) revoke the tokens issued from an authorization code when it is replayed. */
    public TokenPolicy withRevokeTokensOnCodeReplay(boolean revoke) {
        return new TokenPolicy(accessTokenTtl, issueRefreshTokens, rotateRefreshTokens, revoke);
    }

    /** Whether access tokens issued under this policy expire. */
    public boolean expires() {
        return accessTokenTtl != null;
    }
}
