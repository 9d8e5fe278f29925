package io.authpipe.broker.vault;

import io.authpipe.broker.vault.Decision.TimerChange;
import io.authpipe.events.CheckOutcome;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.CredentialChecked;
import io.authpipe.events.Revocation;
import io.authpipe.events.RevocationReason;
import io.authpipe.events.StoredCredential;
import io.authpipe.records.CheckWindow;
import java.time.Instant;
import java.util.Optional;

/**
 * The vault's rules for health check results ({@code CredentialChecked}). A result names the version it checked
 * and applies only to that version of a connection that still holds its tokens; a stale one changes nothing.
 * <ul>
 *   <li>A transition changes the status once (version + 1) and publishes one event on {@code authpipe.revocations}
 *       with a typed reason and the provider's answer: REVOKED (401 {@code invalid_token}; tokens dropped, timer
 *       cancelled), SUSPENDED and INSUFFICIENT_SCOPE (403; tokens kept, the refresh timer, if any, moves to the
 *       new version at the same time so refreshing goes on), NEEDS_REAUTHORIZATION for a token that is not a user's (422), and back to ACTIVE with
 *       reason RECOVERED when a suspended or scope-refused connection answers 200 again.</li>
 *   <li>A check that finds what is already known, or says nothing about the credential (429, instance unavailable),
 *       only records when it ran and what it found (no new version: in-flight refreshes stay valid). A transient
 *       failure of the instance is never a revocation.</li>
 *   <li>A 401 is a revocation only inside the version's {@link CheckWindow}: answered (and
 *       applied) before its refresh is due and before its token expires, each less the policy's expiry margin.
 *       After that the token may have been replaced by a refresh whose result is not applied yet (or was lost in a
 *       crash), or may simply have expired: the result is dropped, and the refresh decides.</li>
 * </ul>
 */
final class HealthRules {

    private HealthRules() {
    }

    static Decision checked(StoredCredential current, ConnectionEvent event, CredentialChecked check, Instant now,
                            RefreshPolicy policy) {
        if (event.getBaseVersion() == null) {
            return new Decision.Rejected("a check result must name the version it checked");
        }
        if (current == null || !ConnectionStates.holdsSecrets(current.getStatus())) {
            return new Decision.Rejected("connection is " + (current == null ? "unknown" : current.getStatus())
                    + "; the check result is dropped");
        }
        if (check.getOutcome() == CheckOutcome.REVOKED && !judgesTheGrant(current, event, now, policy)) {
            return new Decision.Rejected("a 401 after the token's refresh was due or near its expiry says nothing"
                    + " about the grant; the refresh decides");
        }
        StoredCredential.Builder checkedState = StoredCredential.newBuilder(current)
                .setLastCheckAt(event.getOccurredAt())
                .setLastCheckOutcome(check.getOutcome());
        if (check.getOutcome() == CheckOutcome.HEALTHY && check.getAccount() != null) {
            checkedState.setAccount(check.getAccount());
        }
        StoredCredential checked = checkedState.build();
        return target(current.getStatus(), check.getOutcome())
                .map(status -> transition(current, checked, status, event, check, now))
                .orElseGet(() -> new Decision.Noted(checked));
    }

    /** Whether a 401 answered at the event's time, and applied now, falls inside the version's check window. */
    private static boolean judgesTheGrant(StoredCredential current, ConnectionEvent event, Instant now,
                                          RefreshPolicy policy) {
        CheckWindow window = policy.checkWindow(current.getExpiresAt(), current.getNextRefreshAt());
        return window.isOpenAt(event.getOccurredAt()) && window.isOpenAt(now);
    }

    /** The status the check moves the connection to, if it changes it. */
    private static Optional<ConnectionStatus> target(ConnectionStatus current, CheckOutcome outcome) {
        ConnectionStatus target = switch (outcome) {
            case HEALTHY -> ConnectionStates.isRecoverable(current) ? ConnectionStatus.ACTIVE : current;
            case REVOKED -> ConnectionStatus.REVOKED;
            case SUSPENDED -> ConnectionStatus.SUSPENDED;
            case INSUFFICIENT_SCOPE -> ConnectionStatus.INSUFFICIENT_SCOPE;
            case NOT_A_USER_TOKEN -> ConnectionStatus.NEEDS_REAUTHORIZATION;
            default -> current;
        };
        return target == current ? Optional.empty() : Optional.of(target);
    }

    private static Decision transition(StoredCredential current, StoredCredential checked, ConnectionStatus status,
                                       ConnectionEvent event, CredentialChecked check, Instant now) {
        RevocationReason reason = reason(status);
        boolean dead = !ConnectionStates.holdsSecrets(status);
        StoredCredential.Builder next = StoredCredential.newBuilder(checked)
                .setVersion(current.getVersion() + 1)
                .setStatus(status)
                .setStatusReason(status == ConnectionStatus.ACTIVE ? null : reason)
                .setUpdatedAt(now);
        if (dead) {
            next.setAccessToken(null).setRefreshToken(null).setNextRefreshAt(null);
        }
        StoredCredential changed = next.build();
        TimerChange timer = current.getNextRefreshAt() == null ? new TimerChange.Unchanged()
                : dead ? new TimerChange.Cancel()
                : new TimerChange.Schedule(RefreshTimers.due(changed, current.getNextRefreshAt()));
        Revocation published = StatusChanges.of(current, changed.getVersion(), status, reason,
                event.getOccurredAt(), check.getEvidence());
        return new Decision.Accepted(changed, Optional.of(published), timer);
    }

    private static RevocationReason reason(ConnectionStatus status) {
        return switch (status) {
            case ACTIVE -> RevocationReason.RECOVERED;
            case REVOKED -> RevocationReason.REVOKED_AT_PROVIDER;
            case SUSPENDED -> RevocationReason.ACCOUNT_SUSPENDED;
            case INSUFFICIENT_SCOPE -> RevocationReason.INSUFFICIENT_SCOPE;
            default -> RevocationReason.NOT_A_USER_TOKEN;
        };
    }
}
