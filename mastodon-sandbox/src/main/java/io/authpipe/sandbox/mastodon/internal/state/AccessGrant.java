package io.authpipe.sandbox.mastodon.internal.state;

import java.time.Duration;
import java.time.Instant;

/**
 * An authorization code (Doorkeeper {@code oauth_access_grants}): lives 10 minutes, single use
 * ({@code MASTODON.md} §2 "Authorization code").
 *
 * @param code                the code string
 * @param applicationId       the app it was issued to
 * @param accountId           the approving user
 * @param redirectUri         the redirect URI exactly as requested at authorize
 * @param scopes              the approved scopes
 * @param codeChallenge       PKCE challenge or {@code null}
 * @param codeChallengeMethod PKCE method or {@code null}
 * @param createdAt           issue time
 * @param revokedAt           set when exchanged
 * @param issuedTokenId       the token the exchange returned, or {@code null}
 */
public record AccessGrant(String code, long applicationId, long accountId, String redirectUri, ScopeSet scopes,
                          String codeChallenge, String codeChallengeMethod, Instant createdAt, Instant revokedAt,
                          Long issuedTokenId) {

    /** Doorkeeper's default {@code authorization_code_expires_in} (Mastodon leaves it commented out). */
    public static final Duration LIFETIME = Duration.ofMinutes(10);

    /** Whether a PKCE challenge was sent at authorize. */
    public boolean usesPkce() {
        return codeChallenge != null && !codeChallenge.isEmpty();
    }

    /** Not yet exchanged and not older than {@link #LIFETIME}. */
    public boolean isAccessible(Instant now) {
        return revokedAt == null && !now.isAfter(createdAt.plus(LIFETIME));
    }

    /** An exchanged copy. */
    public AccessGrant consumed(Instant now) {
        return new AccessGrant(code, applicationId, accountId, redirectUri, scopes, codeChallenge,
                codeChallengeMethod, createdAt, now, issuedTokenId);
    }

    /** A copy remembering which token the exchange returned. */
    public AccessGrant withIssuedToken(long tokenId) {
        return new AccessGrant(code, applicationId, accountId, redirectUri, scopes, codeChallenge,
                codeChallengeMethod, createdAt, revokedAt, tokenId);
    }

    /** Never prints the code or challenge. */
    @Override
    public String toString() {
        return "AccessGrant[app=" + applicationId + ", account=" + accountId + ", scopes=" + scopes.asString() + "]";
    }
}
