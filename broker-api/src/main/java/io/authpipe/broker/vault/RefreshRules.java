package io.authpipe.broker.vault;

import io.authpipe.broker.vault.Decision.TimerChange;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.CredentialRefreshed;
import io.authpipe.events.RefreshFailed;
import io.authpipe.events.Revocation;
import io.authpipe.events.RevocationReason;
import io.authpipe.events.StoredCredential;
import java.time.Instant;
import java.util.Optional;

/**
 * The vault's rules for refresh results. A result must name the version it was based on and applies only if that
 * version is still current and the connection is still live: a revocation or a re-authorization in between wins,
 * and a late or replayed result changes nothing.
 * <ul>
 *   <li>{@code CredentialRefreshed}: new tokens (the refresh token is kept when the server sent none), version + 1,
 *       ACTIVE, failures reset, next timer planned.</li>
 *   <li>transient {@code RefreshFailed}: version + 1, REFRESHING (the token still works until it expires),
 *       failures counted, a timer at {@code retryAt}.</li>
 *   <li>permanent {@code RefreshFailed}: version + 1, NEEDS_REAUTHORIZATION, secrets dropped, a revocation with
 *       REFRESH_REJECTED (once: a second failure finds the connection no longer live), timer cancelled.</li>
 *   <li>{@code RefreshRequested}: an urgent timer for the current version, nothing else.</li>
 *   <li>A connection the provider refuses for now (suspended, insufficient scope) keeps refreshing and keeps that
 *       status; a health check decides when it recovers.</li>
 * </ul>
 */
final class RefreshRules {

    /** Plans the refresh timer of a connection after a change. */
    @FunctionalInterface
    interface TimerPlanner {
        TimerChange plan(StoredCredential previous, StoredCredential next, Instant issuedAt);
    }

    private RefreshRules() {
    }

    static Decision refreshed(StoredCredential current, ConnectionEvent event, CredentialRefreshed r, Instant now,
                              TimerPlanner timers) {
        Optional<Decision> refused = refuse(current, event);
        if (refused.isPresent()) {
            return refused.get();
        }
        boolean refusedForNow = ConnectionStates.isRecoverable(current.getStatus());
        StoredCredential next = StoredCredential.newBuilder(current)
                .setVersion(current.getVersion() + 1)
                .setStatus(refusedForNow ? current.getStatus() : ConnectionStatus.ACTIVE)
                .setStatusReason(refusedForNow ? current.getStatusReason() : null)
                .setAccessToken(r.getAccessToken())
                .setRefreshToken(r.getRefreshToken() != null ? r.getRefreshToken() : current.getRefreshToken())
                .setTokenType(r.getTokenType())
                .setScopes(r.getScopes())
                .setExpiresAt(r.getExpiresAt())
                .setUpdatedAt(now)
                .setLastRefreshAt(now)
                .setRefreshFailures(0)
                .setLastRefreshError(null)
                .setRefreshTokenRotates(r.getRefreshTokenRotated() != null ? r.getRefreshTokenRotated()
                        : current.getRefreshTokenRotates())
                .build();
        TimerChange timer = timers.plan(current, next, event.getOccurredAt());
        next.setNextRefreshAt(timer.dueAt());
        return new Decision.Accepted(next, Optional.empty(), timer);
    }

    static Decision failed(StoredCredential current, ConnectionEvent event, RefreshFailed f, Instant now) {
        Optional<Decision> refused = refuse(current, event);
        if (refused.isPresent()) {
            return refused.get();
        }
        StoredCredential.Builder next = StoredCredential.newBuilder(current)
                .setVersion(current.getVersion() + 1)
                .setUpdatedAt(now)
                .setRefreshFailures(current.getRefreshFailures() + 1)
                .setLastRefreshError(f.getError());
        return f.getPermanent() ? permanent(next, current, now) : transientFailure(next, current, f, now);
    }

    private static Decision permanent(StoredCredential.Builder next, StoredCredential current, Instant now) {
        StoredCredential dead = next.setStatus(ConnectionStatus.NEEDS_REAUTHORIZATION)
                .setStatusReason(RevocationReason.REFRESH_REJECTED)
                .setAccessToken(null)
                .setRefreshToken(null)
                .setNextRefreshAt(null)
                .build();
        Revocation revocation = StatusChanges.of(current, dead.getVersion(), dead.getStatus(),
                RevocationReason.REFRESH_REJECTED, now, null);
        return new Decision.Accepted(dead, Optional.of(revocation), new TimerChange.Cancel());
    }

    private static Decision transientFailure(StoredCredential.Builder next, StoredCredential current, RefreshFailed f,
                                             Instant now) {
        Instant retryAt = f.getRetryAt() != null ? f.getRetryAt() : now.plusSeconds(60);
        ConnectionStatus status = ConnectionStates.isRecoverable(current.getStatus()) ? current.getStatus()
                : ConnectionStatus.REFRESHING;
        StoredCredential retrying = next.setStatus(status).setNextRefreshAt(retryAt).build();
        return new Decision.Accepted(retrying, Optional.empty(),
                new TimerChange.Schedule(RefreshTimers.due(retrying, retryAt)));
    }

    /**
     * A reader found the token expired: an urgent timer if the connection is live and has a refresh token. A refresh
     * already in flight for this version is not repeated (the refresh-worker keeps one per connection).
     */
    static Decision requested(StoredCredential current, ConnectionEvent event, Instant now) {
        Optional<Decision> refused = refuse(current, event);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (current.getRefreshToken() == null || current.getExpiresAt() == null) {
            return new Decision.Rejected("nothing to refresh: the server issued no refresh token");
        }
        return new Decision.RefreshNow(RefreshTimers.urgent(current, now));
    }

    /** A refresh result applies only to the live connection version it was based on. */
    private static Optional<Decision> refuse(StoredCredential current, ConnectionEvent event) {
        if (event.getBaseVersion() == null) {
            return Optional.of(new Decision.Rejected("a refresh result must name the version it was based on"));
        }
        if (current == null) {
            return Optional.of(new Decision.Rejected("no such connection"));
        }
        ConnectionStatus status = current.getStatus();
        if (!ConnectionStates.holdsSecrets(status)) {
            return Optional.of(new Decision.Rejected("connection is " + status + "; the refresh result is dropped"));
        }
        return Optional.empty();
    }
}
