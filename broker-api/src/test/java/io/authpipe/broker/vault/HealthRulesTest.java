package io.authpipe.broker.vault;

import static io.authpipe.broker.vault.CredentialLifecycleTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.vault.Decision.TimerChange;
import io.authpipe.events.AccountInfo;
import io.authpipe.events.CheckOutcome;
import io.authpipe.events.CheckSubject;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.CredentialChecked;
import io.authpipe.events.Revocation;
import io.authpipe.events.RevocationReason;
import io.authpipe.events.StoredCredential;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Health check results in the vault's fold: transitions once, with evidence; nothing else changes a version. */
class HealthRulesTest {
    static final CredentialLifecycle LIFECYCLE = CredentialLifecycleTest.LIFECYCLE;
    static final Instant CHECKED_AT = T0.plusSeconds(600);

    final StoredCredential active = accepted(null, Events.established(T0, null, null));

    @Test
    void aTokenTheProviderRejectsIsRevokedOnceWithTheEvidence() {
        Decision.Accepted revoked = (Decision.Accepted) check(active, CheckOutcome.REVOKED, 401, "invalid_token");

        assertThat(revoked.next().getStatus()).isEqualTo(ConnectionStatus.REVOKED);
        assertThat(revoked.next().getVersion()).isEqualTo(2);
        assertThat(revoked.next().getAccessToken()).isNull();
        Revocation event = revoked.revocation().orElseThrow();
        assertThat(event.getReason()).isEqualTo(RevocationReason.REVOKED_AT_PROVIDER);
        assertThat(event.getVersion()).isEqualTo(2);
        assertThat(event.getRevokedAt()).isEqualTo(CHECKED_AT);
        assertThat(event.getEvidence().getHttpStatus()).isEqualTo(401);
        assertThat(event.getEvidence().getErrorCode()).isEqualTo("invalid_token");
        assertThat(check(revoked.next(), CheckOutcome.REVOKED, 401, "invalid_token"))
                .isInstanceOf(Decision.Rejected.class);
    }

    @Test
    void aSuspensionIsReportedOnceAndARecoveryWhenTheAccountAnswersAgain() {
        Decision.Accepted suspended = (Decision.Accepted) check(active, CheckOutcome.SUSPENDED, 403, null);
        Decision stillSuspended = check(suspended.next(), CheckOutcome.SUSPENDED, 403, null);
        Decision.Accepted recovered = (Decision.Accepted) check(suspended.next(), CheckOutcome.HEALTHY, 200, null);

        assertThat(suspended.next().getStatus()).isEqualTo(ConnectionStatus.SUSPENDED);
        assertThat(suspended.next().getAccessToken()).isNotNull();
        assertThat(suspended.revocation()).hasValueSatisfying(r ->
                assertThat(r.getReason()).isEqualTo(RevocationReason.ACCOUNT_SUSPENDED));
        assertThat(stillSuspended).isInstanceOf(Decision.Noted.class);
        assertThat(((Decision.Noted) stillSuspended).next().getVersion()).isEqualTo(2);
        assertThat(recovered.next().getStatus()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(recovered.next().getStatusReason()).isNull();
        assertThat(recovered.next().getVersion()).isEqualTo(3);
        assertThat(recovered.revocation()).hasValueSatisfying(r ->
                assertThat(r.getReason()).isEqualTo(RevocationReason.RECOVERED));
    }

    @Test
    void aScopeRefusalIsItsOwnStatusAndRecoversToo() {
        Decision.Accepted refused = (Decision.Accepted) check(active, CheckOutcome.INSUFFICIENT_SCOPE, 403,
                "insufficient_scope");
        Decision.Accepted recovered = (Decision.Accepted) check(refused.next(), CheckOutcome.HEALTHY, 200, null);

        assertThat(refused.next().getStatus()).isEqualTo(ConnectionStatus.INSUFFICIENT_SCOPE);
        assertThat(refused.revocation().orElseThrow().getReason()).isEqualTo(RevocationReason.INSUFFICIENT_SCOPE);
        assertThat(recovered.next().getStatus()).isEqualTo(ConnectionStatus.ACTIVE);
    }

    @Test
    void anAppTokenInsteadOfAUserTokenNeedsReauthorization() {
        Decision.Accepted notAUser = (Decision.Accepted) check(active, CheckOutcome.NOT_A_USER_TOKEN, 422, null);

        assertThat(notAUser.next().getStatus()).isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION);
        assertThat(notAUser.next().getAccessToken()).isNull();
        assertThat(notAUser.revocation().orElseThrow().getReason()).isEqualTo(RevocationReason.NOT_A_USER_TOKEN);
    }

    @Test
    void anUnavailableOrThrottlingInstanceIsNeverARevocationAndOnlyRecordsTheCheck() {
        StoredCredential suspended = ((Decision.Accepted) check(active, CheckOutcome.SUSPENDED, 403, null)).next();

        for (StoredCredential connection : new StoredCredential[] {active, suspended}) {
            for (CheckOutcome outcome : new CheckOutcome[] {CheckOutcome.INSTANCE_UNAVAILABLE,
                    CheckOutcome.RATE_LIMITED}) {
                Decision decision = check(connection, outcome, 503, null);

                assertThat(decision).isInstanceOf(Decision.Noted.class);
                StoredCredential noted = ((Decision.Noted) decision).next();
                assertThat(noted.getStatus()).isEqualTo(connection.getStatus());
                assertThat(noted.getVersion()).isEqualTo(connection.getVersion());
                assertThat(noted.getLastCheckAt()).isEqualTo(CHECKED_AT);
                assertThat(noted.getLastCheckOutcome()).isEqualTo(outcome);
            }
        }
    }

    @Test
    void aHealthyCheckKeepsTheVersionAndRefreshesTheAccountData() {
        ConnectionEvent healthy = Events.checked(CHECKED_AT, 1L, CheckOutcome.HEALTHY, 200, null);
        AccountInfo renamed = new AccountInfo("42", "alice", "alice@example", null, null, "Alice (moved)");
        ((CredentialChecked) healthy.getPayload()).setAccount(renamed);

        Decision.Noted noted = (Decision.Noted) LIFECYCLE.apply(active, healthy, CHECKED_AT);

        assertThat(noted.next().getVersion()).isEqualTo(1);
        assertThat(noted.next().getAccount().getDisplayName()).isEqualTo("Alice (moved)");
    }

    @Test
    void aCheckOfAnOlderVersionChangesNothing() {
        StoredCredential reauthorized = accepted(active, Events.established(T0.plusSeconds(5), null, null));

        assertThat(LIFECYCLE.apply(reauthorized, Events.checked(CHECKED_AT, 1L, CheckOutcome.REVOKED, 401,
                "invalid_token"), CHECKED_AT)).isInstanceOf(Decision.Rejected.class);
    }

    @Test
    void aSuspendedExpiringConnectionKeepsItsRefreshTimeUnderTheNewVersionAndKeepsRefreshing() {
        StoredCredential expiring = accepted(null, Events.established(T0, null, T0.plus(Duration.ofHours(1))));

        Decision.Accepted suspended = (Decision.Accepted) check(expiring, CheckOutcome.SUSPENDED, 403, null);
        Decision.Accepted refreshed = (Decision.Accepted) LIFECYCLE.apply(suspended.next(),
                Events.refreshed(T0.plusSeconds(3300), 2L, "new-access", T0.plus(Duration.ofHours(2))),
                T0.plusSeconds(3300));

        TimerChange.Schedule timer = (TimerChange.Schedule) suspended.timer();
        assertThat(timer.timer().getVersion()).isEqualTo(2);
        assertThat(timer.timer().getDueAt()).isEqualTo(expiring.getNextRefreshAt());
        assertThat(refreshed.next().getStatus()).isEqualTo(ConnectionStatus.SUSPENDED);
        assertThat(refreshed.next().getVersion()).isEqualTo(3);
    }

    @Test
    void a401BeforeTheRefreshIsDueIsARevocation() {
        StoredCredential expiring = accepted(null, Events.established(T0, null, T0.plus(Duration.ofHours(1))));
        Instant beforeTheMargin = expiring.getNextRefreshAt().minusSeconds(11);

        Decision decision = checkAt(expiring, beforeTheMargin, beforeTheMargin);

        assertThat(decision).isInstanceOf(Decision.Accepted.class);
        assertThat(((Decision.Accepted) decision).next().getStatus()).isEqualTo(ConnectionStatus.REVOKED);
    }

    @Test
    void a401AfterTheRefreshWasDueIsNoRevocationForARefreshMayHaveReplacedTheToken() {
        StoredCredential expiring = accepted(null, Events.established(T0, null, T0.plus(Duration.ofHours(1))));
        Instant due = expiring.getNextRefreshAt();

        for (Instant answeredAt : new Instant[] {due.minusSeconds(9), due, due.plusSeconds(240)}) {
            assertThat(checkAt(expiring, answeredAt, answeredAt)).as("401 at %s", answeredAt)
                    .isInstanceOf(Decision.Rejected.class);
        }
    }

    @Test
    void a401ForATokenNearOrPastItsExpiryIsNoRevocationWhileItsRefreshKeepsFailing() {
        Instant expiry = T0.plus(Duration.ofHours(1));
        StoredCredential expiring = accepted(null, Events.established(T0, null, expiry));
        StoredCredential refreshing = accepted(expiring, Events.refreshFailed(T0.plusSeconds(3300), 1L, false,
                "unavailable", expiry.plusSeconds(100)));

        Decision stillValid = checkAt(refreshing, expiry.minusSeconds(100), expiry.minusSeconds(100));
        Decision nearExpiry = checkAt(refreshing, expiry.minusSeconds(5), expiry.minusSeconds(5));
        Decision expired = checkAt(refreshing, expiry.plusSeconds(20), expiry.plusSeconds(20));

        assertThat(refreshing.getStatus()).isEqualTo(ConnectionStatus.REFRESHING);
        assertThat(stillValid).isInstanceOf(Decision.Accepted.class);
        assertThat(nearExpiry).isInstanceOf(Decision.Rejected.class);
        assertThat(expired).isInstanceOf(Decision.Rejected.class);
    }

    @Test
    void a401AnsweredInTimeButAppliedAfterTheWindowClosedIsNoRevocation() {
        StoredCredential expiring = accepted(null, Events.established(T0, null, T0.plus(Duration.ofHours(1))));
        Instant due = expiring.getNextRefreshAt();

        assertThat(checkAt(expiring, due.minusSeconds(600), due.plusSeconds(1)))
                .isInstanceOf(Decision.Rejected.class);
    }

    @Test
    void aSuspensionNearExpiryIsStillReported() {
        StoredCredential expiring = accepted(null, Events.established(T0, null, T0.plus(Duration.ofHours(1))));
        Instant afterDue = expiring.getNextRefreshAt().plusSeconds(1);

        Decision decision = LIFECYCLE.apply(expiring, Events.checked(afterDue, 1L, CheckOutcome.SUSPENDED, 403,
                null), afterDue);

        assertThat(((Decision.Accepted) decision).next().getStatus()).isEqualTo(ConnectionStatus.SUSPENDED);
    }

    @Test
    void theCheckSubjectCarriesTheTokensExpiryAndItsRefreshDueTime() {
        StoredCredential expiring = accepted(null, Events.established(T0, null, T0.plus(Duration.ofHours(1))));

        CheckSubject subject = CheckSubjects.of(expiring).orElseThrow();

        assertThat(subject.getExpiresAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(subject.getRefreshDueAt()).isEqualTo(expiring.getNextRefreshAt()).isNotNull();
        assertThat(CheckSubjects.of(active).orElseThrow().getExpiresAt()).isNull();
        assertThat(CheckSubjects.of(active).orElseThrow().getRefreshDueAt()).isNull();
    }

    /** A 401 for {@code current}'s version answered at {@code answeredAt}, applied by the vault at {@code now}. */
    private static Decision checkAt(StoredCredential current, Instant answeredAt, Instant now) {
        return LIFECYCLE.apply(current, Events.checked(answeredAt, current.getVersion(), CheckOutcome.REVOKED, 401,
                "invalid_token"), now);
    }

    private static Decision check(StoredCredential current, CheckOutcome outcome, Integer status, String error) {
        return LIFECYCLE.apply(current, Events.checked(CHECKED_AT, current.getVersion(), outcome, status, error),
                CHECKED_AT);
    }

    private static StoredCredential accepted(StoredCredential current, ConnectionEvent event) {
        return ((Decision.Accepted) LIFECYCLE.apply(current, event, event.getOccurredAt())).next();
    }
}
