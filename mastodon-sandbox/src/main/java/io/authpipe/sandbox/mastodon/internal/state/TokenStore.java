package io.authpipe.sandbox.mastodon.internal.state;

import io.authpipe.sandbox.mastodon.TokenPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * All access tokens, in memory. Every method is atomic (one monitor), which is plenty for a test double.
 * Lookups return revoked and expired rows too; callers decide what those mean.
 */
public final class TokenStore {

    private final Map<Long, AccessToken> rows = new LinkedHashMap<>();
    private final Map<String, Long> byToken = new LinkedHashMap<>();
    private final Map<String, Long> byRefreshToken = new LinkedHashMap<>();
    private long nextId;
    private int revokedOutsideRefresh;

    /**
     * Doorkeeper {@code find_or_create_access_token} with {@code reuse_access_token} on ({@code MASTODON.md} §3):
     * returns the newest active token of the same app, owner and scope set, or issues a new one.
     */
    public synchronized AccessToken findOrIssue(TokenRequest request, TokenPolicy policy, Instant now) {
        return findActive(request, now).orElseGet(() -> issue(request, policy, now, null, null));
    }

    /**
     * Issues {@code count} new tokens for {@code request}, each the first of its own refresh family, without looking
     * for one to reuse: the operator's bulk issue ({@code SandboxOperator.mintTokens}). A grant calls
     * {@link #findOrIssue} instead.
     */
    public synchronized List<AccessToken> issueNew(TokenRequest request, TokenPolicy policy, Instant now, int count) {
        List<AccessToken> issued = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            issued.add(issue(request, policy, now, null, null));
        }
        return issued;
    }

    /** The newest active token of the same app, owner and scope set (also the auto-approval test, §2). */
    public synchronized Optional<AccessToken> findActive(TokenRequest request, Instant now) {
        return rows.values().stream()
                .filter(row -> row.applicationId() == request.applicationId())
                .filter(row -> Objects.equals(row.accountId(), request.accountId()))
                .filter(row -> row.isActive(now) && row.scopes().sameSetAs(request.scopes()))
                .max(Comparator.comparing(AccessToken::createdAt).thenComparingLong(AccessToken::id));
    }

    /**
     * Replaces {@code old} by a new token of the same family; {@code old} is revoked and marked refreshed. Without
     * rotation the same refresh token value moves to the new row (Pleroma). Returns empty if {@code old} changed
     * meanwhile (a concurrent refresh won).
     */
    public synchronized Optional<AccessToken> refresh(AccessToken old, ScopeSet scopes, TokenPolicy policy,
                                                      Instant now) {
        AccessToken current = rows.get(old.id());
        if (current == null || current.isRevoked()) {
            return Optional.empty();
        }
        save(current.revoke(now, true));
        String refreshToken = policy.rotateRefreshTokens() ? null : current.refreshToken();
        TokenRequest request = new TokenRequest(current.applicationId(), current.accountId(), scopes);
        return Optional.of(issue(request, policy, now, current.familyId(), refreshToken));
    }

    /** The row holding this access token string. */
    public synchronized Optional<AccessToken> findByToken(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(byToken.get(token)).map(rows::get);
    }

    /** The row this refresh token was issued with (the newest holder when the value was carried over). */
    public synchronized Optional<AccessToken> findByRefreshToken(String refreshToken) {
        return refreshToken == null ? Optional.empty()
                : Optional.ofNullable(byRefreshToken.get(refreshToken)).map(rows::get);
    }

    /** Revokes one row; {@code true} if it was not revoked before. */
    public synchronized boolean revoke(long id, Instant now) {
        return revokeWhere(row -> row.id() == id, now) > 0;
    }

    /** Revokes every row of a refresh family (replay of a rotated refresh token or of a code). */
    public synchronized int revokeFamily(long familyId, Instant now) {
        return revokeWhere(row -> row.familyId() == familyId, now);
    }

    /** Revokes the family the row {@code id} belongs to (tokens issued from a replayed code). */
    public synchronized int revokeFamilyOf(long id, Instant now) {
        AccessToken row = rows.get(id);
        return row == null ? 0 : revokeFamily(row.familyId(), now);
    }

    /** Revokes every row of an account ("Revoke" in Authorized apps, for all apps). */
    public synchronized int revokeAllOf(long accountId, Instant now) {
        return revokeWhere(row -> Objects.equals(row.accountId(), accountId), now);
    }

    /** Deletes every row of an account (account deletion cascades). */
    public synchronized int deleteAllOf(long accountId) {
        List<AccessToken> doomed = rows.values().stream()
                .filter(row -> Objects.equals(row.accountId(), accountId)).toList();
        doomed.forEach(this::delete);
        return doomed.size();
    }

    /** Forces a token to be expired now; {@code false} if unknown. */
    public synchronized boolean expire(String token, Instant now) {
        Optional<AccessToken> row = findByToken(token);
        row.ifPresent(found -> save(found.expireAt(now)));
        return row.isPresent();
    }

    /** Token strings of the account's active rows, oldest first. */
    public synchronized List<String> activeTokensOf(long accountId, Instant now) {
        return rows.values().stream()
                .filter(row -> Objects.equals(row.accountId(), accountId) && row.isActive(now))
                .map(AccessToken::token).toList();
    }

    /** Every access and refresh token string ever issued to the account, revoked and expired ones included. */
    public synchronized List<String> everyTokenOf(long accountId) {
        return rows.values().stream().filter(row -> Objects.equals(row.accountId(), accountId))
                .flatMap(row -> java.util.stream.Stream.of(row.token(), row.refreshToken()))
                .filter(Objects::nonNull).distinct().toList();
    }

    /**
     * How many rows were revoked other than by a refresh replacing them (by the user or an admin, by
     * {@code POST /oauth/revoke}, by a replayed code or refresh token); deleted rows are not counted.
     */
    public synchronized int revocations() {
        return revokedOutsideRefresh;
    }

    private int revokeWhere(Predicate<AccessToken> filter, Instant now) {
        List<AccessToken> hits = rows.values().stream().filter(filter).filter(row -> !row.isRevoked()).toList();
        hits.forEach(row -> save(row.revoke(now, false)));
        revokedOutsideRefresh += hits.size();
        return hits.size();
    }

    private AccessToken issue(TokenRequest request, TokenPolicy policy, Instant now, Long familyId,
                              String carriedRefreshToken) {
        long id = ++nextId;
        boolean refreshable = policy.issueRefreshTokens() && request.accountId() != null;
        String refreshToken = !refreshable ? null
                : carriedRefreshToken != null ? carriedRefreshToken : SecureTokens.urlsafe32();
        Instant expiresAt = policy.expires() ? now.plus(policy.accessTokenTtl()) : null;
        AccessToken row = new AccessToken(id, SecureTokens.urlsafe32(), refreshToken, request.applicationId(),
                request.accountId(), request.scopes(), now, expiresAt, null, familyId == null ? id : familyId,
                false);
        save(row);
        return row;
    }

    private void save(AccessToken row) {
        rows.put(row.id(), row);
        byToken.put(row.token(), row.id());
        if (row.refreshToken() != null && !row.refreshed()) {
            byRefreshToken.put(row.refreshToken(), row.id());
        }
    }

    private void delete(AccessToken row) {
        rows.remove(row.id());
        byToken.remove(row.token());
        if (row.refreshToken() != null) {
            byRefreshToken.remove(row.refreshToken());
        }
    }
}
