package io.authpipe.broker.vault;

import io.authpipe.broker.vault.Decision.TimerChange;
import io.authpipe.events.ConnectionDisconnected;
import io.authpipe.events.ConnectionErased;
import io.authpipe.events.ConnectionEstablished;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.CredentialChecked;
import io.authpipe.events.CredentialRefreshed;
import io.authpipe.events.CredentialResealed;
import io.authpipe.events.RefreshFailed;
import io.authpipe.events.RefreshRequested;
import io.authpipe.events.Revocation;
import io.authpipe.events.StoredCredential;
import io.authpipe.records.ConnectionKeys;
import java.time.Instant;
import java.util.Optional;

/**
 * The vault's fold: given a connection's stored state and one event, what changes. A pure function (no I/O, time
 * passed in) so every rule is tested with literal values.
 *
 * <p>Rules:
 * <ul>
 *   <li>An event naming a {@code baseVersion} other than the stored version is stale and rejected
 *       (compare-and-set), so retries and reordering across topics never resurrect an old token or undo a
 *       revocation.</li>
 *   <li>{@code ConnectionEstablished} creates the connection or re-authorises it (version + 1, ACTIVE).</li>
 *   <li>{@code ConnectionDisconnected} revokes an existing, not yet revoked connection once: version + 1,
 *       secrets dropped, a {@link Revocation} published. A second disconnect is rejected, so a revocation is
 *       reported exactly once.</li>
 *   <li>{@code CredentialResealed} (key rotation) replaces the sealed secrets of a live connection without a new
 *       version: the credential itself did not change.</li>
 *   <li>{@code ConnectionErased} (the tenant deleted the connection, or the tenant was deleted) removes the
 *       connection whatever its status: a last {@code credential-updated} record and a revocation with status
 *       DELETED at the next version, then tombstones.</li>
 *   <li>A connection with an expiring token gets a refresh timer due a margin before expiry; one without loses
 *       its timer. A resealed connection's timer is sent again (it carries the sealed tokens).</li>
 *   <li>{@code RefreshRequested} (a reader found the token expired) sends an urgent timer; nothing else changes.</li>
 *   <li>{@code CredentialChecked} (a health check) follows {@link HealthRules}.</li>
 * </ul>
 */
public final class CredentialLifecycle {
    private final RefreshPolicy refresh;

    public CredentialLifecycle(RefreshPolicy refresh) {
        this.refresh = refresh;
    }

    public Decision apply(StoredCredential current, ConnectionEvent event, Instant now) {
        Long base = event.getBaseVersion();
        if (base != null && (current == null || current.getVersion() != base)) {
            return new Decision.Rejected("stale event: based on version " + base + ", stored "
                    + (current == null ? "none" : current.getVersion()));
        }
        Object payload = event.getPayload();
        if (payload instanceof ConnectionEstablished established) {
            return establish(current, event, established, now);
        }
        if (payload instanceof ConnectionDisconnected disconnected) {
            return disconnect(current, disconnected, now);
        }
        if (payload instanceof CredentialRefreshed refreshed) {
            return RefreshRules.refreshed(current, event, refreshed, now, this::timerFor);
        }
        if (payload instanceof RefreshFailed failed) {
            return RefreshRules.failed(current, event, failed, now);
        }
        if (payload instanceof CredentialResealed resealed) {
            return reseal(current, resealed);
        }
        if (payload instanceof ConnectionErased erased) {
            return erase(current, erased, now);
        }
        if (payload instanceof RefreshRequested) {
            return RefreshRules.requested(current, event, now);
        }
        if (payload instanceof CredentialChecked checked) {
            return HealthRules.checked(current, event, checked, now, refresh);
        }
        return new Decision.Rejected("unknown event type");
    }

    private Decision establish(StoredCredential current, ConnectionEvent event, ConnectionEstablished e,
                                      Instant now) {
        long version = current == null ? 1 : current.getVersion() + 1;
        StoredCredential next = StoredCredential.newBuilder()
                .setConnection(event.getConnection())
                .setVersion(version)
                .setStatus(ConnectionStatus.ACTIVE)
                .setStatusReason(null)
                .setInstance(e.getInstance())
                .setAppRef(e.getAppRef())
                .setAccessToken(e.getAccessToken())
                .setRefreshToken(e.getRefreshToken())
                .setTokenType(e.getTokenType())
                .setScopes(e.getScopes())
                .setExpiresAt(e.getExpiresAt())
                .setAccount(e.getAccount())
                .setConnectedAt(event.getOccurredAt())
                .setUpdatedAt(now)
                .setLastRefreshAt(null)
                .setRefreshFailures(0)
                .setLastRefreshError(null)
                .build();
        TimerChange timer = timerFor(current, next, event.getOccurredAt());
        next.setNextRefreshAt(timer.dueAt());
        return new Decision.Accepted(next, Optional.empty(), timer);
    }

    private Decision disconnect(StoredCredential current, ConnectionDisconnected d, Instant now) {
        if (current == null) {
            return new Decision.Rejected("no such connection");
        }
        if (current.getStatus() == ConnectionStatus.REVOKED) {
            return new Decision.Rejected("already revoked");
        }
        StoredCredential next = StoredCredential.newBuilder(current)
                .setVersion(current.getVersion() + 1)
                .setStatus(ConnectionStatus.REVOKED)
                .setStatusReason(d.getReason())
                .setAccessToken(null)
                .setRefreshToken(null)
                .setNextRefreshAt(null)
                .setUpdatedAt(now)
                .build();
        Revocation revocation = StatusChanges.of(current, next.getVersion(), next.getStatus(), d.getReason(), now,
                null);
        TimerChange timer = current.getExpiresAt() == null ? new TimerChange.Unchanged() : new TimerChange.Cancel();
        return new Decision.Accepted(next, Optional.of(revocation), timer);
    }

    private Decision reseal(StoredCredential current, CredentialResealed r) {
        if (current == null || current.getStatus() == ConnectionStatus.REVOKED) {
            return new Decision.Rejected("nothing to reseal");
        }
        StoredCredential next = StoredCredential.newBuilder(current)
                .setAccessToken(r.getAccessToken())
                .setRefreshToken(r.getRefreshToken())
                .build();
        TimerChange timer = next.getNextRefreshAt() == null ? new TimerChange.Unchanged()
                : new TimerChange.Schedule(RefreshTimers.due(next, next.getNextRefreshAt()));
        return new Decision.Resealed(next, timer);
    }

    /**
     * Erases the connection, whatever its status (a revoked one too): its last record says DELETED with the reason,
     * at the next version, and the tombstones follow.
     */
    private Decision erase(StoredCredential current, ConnectionErased e, Instant now) {
        if (current == null) {
            return new Decision.Rejected("no such connection");
        }
        long version = current.getVersion() + 1;
        return new Decision.Erased(CredentialViews.deleted(current, version, e.getReason(), now),
                StatusChanges.of(current, version, ConnectionStatus.DELETED, e.getReason(), now, null));
    }

    /**
     * A token that expires is refreshed {@link RefreshPolicy#dueAt a lead before expiry}; without a refresh token
     * there is nothing to refresh, so the timer fires at expiry to report it.
     */
    private TimerChange timerFor(StoredCredential previous, StoredCredential next, Instant issuedAt) {
        Instant expiresAt = next.getExpiresAt();
        if (expiresAt == null) {
            boolean hadTimer = previous != null && previous.getExpiresAt() != null;
            return hadTimer ? new TimerChange.Cancel() : new TimerChange.Unchanged();
        }
        Instant dueAt = next.getRefreshToken() == null ? expiresAt
                : refresh.dueAt(ConnectionKeys.kafkaKey(next.getConnection()), next.getVersion(), issuedAt, expiresAt);
        return new TimerChange.Schedule(RefreshTimers.due(next, dueAt));
    }
}
