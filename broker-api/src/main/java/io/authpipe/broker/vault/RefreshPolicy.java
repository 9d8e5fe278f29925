package io.authpipe.broker.vault;

import io.authpipe.records.CheckWindow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.CRC32;

/**
 * When an expiring token is refreshed: {@code lead} before expiry (at most half of the token's lifetime, so a short
 * token is refreshed halfway, as Google's client libraries do with their five minutes), minus a jitter of up to {@code jitter} so a fleet connected in the same second does
 * not refresh in the same second. The jitter is derived from the connection key and version: deterministic (the
 * vault's fold stays a pure function) yet spread evenly across connections.
 *
 * <p>From the refresh due time on (and near expiry) the connection is the refresh-worker's: a health check's 401 for
 * its access token then says nothing about the grant ({@link CheckWindow}), and {@code expiryMargin} moves that edge
 * earlier to absorb the latency and clock differences between us and the provider.
 *
 * @param lead         how long before expiry to refresh
 * @param jitter       the width of the spread, at most half of the effective lead
 * @param expiryMargin how long before the refresh due time or the expiry a 401 stops counting as a revocation
 */
public record RefreshPolicy(Duration lead, Duration jitter, Duration expiryMargin) {
    public RefreshPolicy {
        if (expiryMargin.isNegative()) {
            throw new IllegalArgumentException("the expiry margin must not be negative");
        }
    }

    /** With the default expiry margin ({@link CheckWindow#DEFAULT_MARGIN}). */
    public RefreshPolicy(Duration lead, Duration jitter) {
        this(lead, jitter, CheckWindow.DEFAULT_MARGIN);
    }

    public static RefreshPolicy defaults() {
        return new RefreshPolicy(Duration.ofMinutes(5), Duration.ofMinutes(1));
    }

    /**
     * When a health check's 401 for a token that expires at {@code expiresAt}, and whose refresh is due at
     * {@code refreshDueAt}, judges the grant.
     */
    public CheckWindow checkWindow(Instant expiresAt, Instant refreshDueAt) {
        return CheckWindow.of(expiresAt, refreshDueAt, expiryMargin);
    }

    /** When to refresh a token of {@code connection} at {@code version}, issued at {@code issuedAt}. */
    public Instant dueAt(String connection, long version, Instant issuedAt, Instant expiresAt) {
        Duration lifetime = Duration.between(issuedAt, expiresAt);
        if (lifetime.isNegative() || lifetime.isZero()) {
            return expiresAt;
        }
        Duration half = lifetime.dividedBy(2);
        Duration effectiveLead = lead.compareTo(half) < 0 ? lead : half;
        long spreadMillis = Math.min(jitter.toMillis(), effectiveLead.toMillis() / 2);
        return expiresAt.minus(effectiveLead).minusMillis(spreadMillis == 0 ? 0 : spread(connection, version)
                % (spreadMillis + 1));
    }

    private static long spread(String connection, long version) {
        CRC32 crc = new CRC32();
        crc.update((connection + '#' + version).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
