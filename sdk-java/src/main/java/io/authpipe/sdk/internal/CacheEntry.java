package io.authpipe.sdk.internal;

import io.authpipe.sdk.ConnectionRevokedException;
import io.authpipe.sdk.Credential;
import java.time.Duration;

/**
 * What the cache holds for one connection: a usable credential or the fact that it is revoked, at a version, with
 * when it was last confirmed by the server. Immutable but for two fields: {@code stale} (set once when the stream
 * could not catch up) and {@code lastUsedMillis} (the LRU tick, written by hits without synchronisation: eviction
 * only needs an approximate order).
 */
public final class CacheEntry {
    private final Credential credential;
    private final long version;
    private final long usableUntilMillis;
    private final long validatedAtMillis;
    private final String revokedStatus;
    private final String revokedReason;
    private volatile boolean stale;
    long lastUsedMillis;

    private CacheEntry(Credential credential, long version, long usableUntilMillis, long validatedAtMillis,
                       String revokedStatus, String revokedReason) {
        this.credential = credential;
        this.version = version;
        this.usableUntilMillis = usableUntilMillis;
        this.validatedAtMillis = validatedAtMillis;
        this.revokedStatus = revokedStatus;
        this.revokedReason = revokedReason;
        this.lastUsedMillis = validatedAtMillis;
    }

    /** A usable credential, served until {@code expiryMargin} before it expires. */
    public static CacheEntry usable(Credential credential, long nowMillis, Duration expiryMargin) {
        long until = credential.expiresAt() == null ? Long.MAX_VALUE
                : credential.expiresAt().toEpochMilli() - expiryMargin.toMillis();
        return new CacheEntry(credential, credential.version(), until, nowMillis, null, null);
    }

    public static CacheEntry revoked(long version, String status, String reason, long nowMillis) {
        return new CacheEntry(null, version, Long.MIN_VALUE, nowMillis, status, reason);
    }

    /** Whether the entry may answer without asking the server: not stale, and pushed to or recently confirmed. */
    boolean isFresh(long nowMillis, boolean streamConnected, long maxStalenessMillis) {
        return !stale && (streamConnected || nowMillis - validatedAtMillis <= maxStalenessMillis);
    }

    /** Whether the credential may be handed out at {@code nowMillis} (false for a revoked entry). */
    boolean isUsableAt(long nowMillis) {
        return nowMillis < usableUntilMillis;
    }

    void touch(long nowMillis) {
        if (lastUsedMillis != nowMillis) {
            lastUsedMillis = nowMillis;
        }
    }

    void markStale() {
        stale = true;
    }

    boolean isRevoked() {
        return credential == null;
    }

    /** The credential; null for a revoked entry. */
    Credential credential() {
        return credential;
    }

    long version() {
        return version;
    }

    ConnectionRevokedException revokedException(String provider, String userId) {
        return new ConnectionRevokedException("the connection " + provider + "/" + userId + " is " + revokedStatus
                + (revokedReason == null ? "" : " (" + revokedReason + ")") + "; the user must connect again",
                revokedStatus, version, revokedReason);
    }

    @Override
    public String toString() {
        return "CacheEntry[version=" + version + (isRevoked() ? ", " + revokedStatus : "") + ", stale=" + stale + "]";
    }
}
