package io.authpipe.sandbox.mastodon.internal.state;

import java.time.Duration;
import java.time.Instant;

/**
 * An access token row (Doorkeeper {@code oauth_access_tokens}); revoked rows are kept, as Mastodon keeps them until
 * the daily vacuum, so the API can answer "The access token was revoked".
 *
 * @param id            row id (throttle key)
 * @param token         the access token string
 * @param refreshToken  refresh token or {@code null} (stock Mastodon issues none)
 * @param applicationId owning app
 * @param accountId     resource owner, {@code null} for client-credentials (app) tokens
 * @param scopes        granted scopes
 * @param createdAt     issue time ({@code created_at} in token responses)
 * @param expiresAt     expiry or {@code null} (never expires)
 * @param revokedAt     revocation time or {@code null}
 * @param familyId      id of the first token of a refresh chain (the "session" revoked on refresh-token replay)
 * @param refreshed     whether this row was superseded by a refresh
 */
public record AccessToken(long id, String token, String refreshToken, long applicationId, Long accountId,
                          ScopeSet scopes, Instant createdAt, Instant expiresAt, Instant revokedAt, long familyId,
                          boolean refreshed) {

    /** Whether the row carries {@code revoked_at}. */
    public boolean isRevoked() {
        return revokedAt != null;
    }

    /** Doorkeeper's {@code expired?}: strictly after {@code expires_at}. */
    public boolean isExpired(Instant now) {
        return expiresAt != null && now.isAfter(expiresAt);
    }

    /** Neither revoked nor expired. */
    public boolean isActive(Instant now) {
        return !isRevoked() && !isExpired(now);
    }

    /** Whether a user owns it (not a client-credentials token). */
    public boolean hasOwner() {
        return accountId != null;
    }

    /** Remaining lifetime in whole seconds, never negative; {@code null} if it never expires. */
    public Long expiresInSeconds(Instant now) {
        if (expiresAt == null) {
            return null;
        }
        long remaining = Math.round(Duration.between(now, expiresAt).toMillis() / 1000.0);
        return Math.max(remaining, 0);
    }

    /** A revoked copy ({@code refreshed} marks revocation by a refresh). */
    public AccessToken revoke(Instant now, boolean byRefresh) {
        return new AccessToken(id, token, refreshToken, applicationId, accountId, scopes, createdAt, expiresAt,
                revokedAt == null ? now : revokedAt, familyId, refreshed || byRefresh);
    }

    /** A copy that expired one second before {@code now}. */
    public AccessToken expireAt(Instant now) {
        return new AccessToken(id, token, refreshToken, applicationId, accountId, scopes, createdAt,
                now.minusSeconds(1), revokedAt, familyId, refreshed);
    }

    /** Never prints the token strings. */
    @Override
    public String toString() {
        return "AccessToken[id=" + id + ", app=" + applicationId + ", account=" + accountId + ", scopes="
                + scopes.asString() + ", revoked=" + isRevoked() + "]";
    }
}
