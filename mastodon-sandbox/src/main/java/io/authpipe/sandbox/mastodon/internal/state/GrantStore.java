package io.authpipe.sandbox.mastodon.internal.state;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Authorization codes, in memory. {@link #consume} is atomic, so a code is exchanged at most once. */
public final class GrantStore {

    private final Map<String, AccessGrant> byCode = new ConcurrentHashMap<>();

    /** Stores a new grant under a fresh 43-character code. */
    public AccessGrant create(long applicationId, long accountId, String redirectUri, ScopeSet scopes,
                              String codeChallenge, String codeChallengeMethod, Instant now) {
        AccessGrant grant = new AccessGrant(SecureTokens.urlsafe32(), applicationId, accountId, redirectUri, scopes,
                codeChallenge, codeChallengeMethod, now, null, null);
        byCode.put(grant.code(), grant);
        return grant;
    }

    /** The grant with this code, in any state. */
    public Optional<AccessGrant> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code));
    }

    /** Marks the grant used; {@code false} if it was already used or expired (lost a race or a replay). */
    public boolean consume(String code, Instant now) {
        boolean[] won = new boolean[1];
        byCode.computeIfPresent(code, (key, grant) -> {
            won[0] = grant.isAccessible(now);
            return won[0] ? grant.consumed(now) : grant;
        });
        return won[0];
    }

    /** Remembers the token an exchange returned, for revocation on replay. */
    public void recordIssuedToken(String code, long tokenId) {
        byCode.computeIfPresent(code, (key, grant) -> grant.withIssuedToken(tokenId));
    }
}
