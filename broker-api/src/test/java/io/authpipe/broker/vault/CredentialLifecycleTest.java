package io.authpipe.broker.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.vault.Decision.TimerChange;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.EncryptedSecret;
import io.authpipe.events.ExpiryTimer;
import io.authpipe.events.Revocation;
import io.authpipe.events.RevocationReason;
import io.authpipe.events.StatusChange;
import io.authpipe.events.StoredCredential;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CredentialLifecycleTest {
    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    static final CredentialLifecycle LIFECYCLE = new CredentialLifecycle(new RefreshPolicy(Duration.ofMinutes(5),
            Duration.ZERO));

    @Test
    void aFirstAuthorizationCreatesVersionOneActive() {
        Decision decision = LIFECYCLE.apply(null, Events.established(T0, null, null), T0);

        StoredCredential next = ((Decision.Accepted) decision).next();
        assertThat(next.getVersion()).isEqualTo(1);
        assertThat(next.getStatus()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(((Decision.Accepted) decision).revocation()).isEmpty();
        assertThat(((Decision.Accepted) decision).timer()).isInstanceOf(TimerChange.Unchanged.class);
    }

    @Test
    void aReauthorizationBumpsTheVersion() {
        StoredCredential v1 = accepted(null, Events.established(T0, null, null));

        StoredCredential v2 = accepted(v1, Events.established(T0.plusSeconds(5), null, null));

        assertThat(v2.getVersion()).isEqualTo(2);
    }

    @Test
    void aDisconnectRevokesOnceDropsTheSecretsAndReportsARevocation() {
        StoredCredential v1 = accepted(null, Events.established(T0, null, null));

        Decision first = LIFECYCLE.apply(v1, Events.disconnected(T0.plusSeconds(1), 1L), T0.plusSeconds(1));
        StoredCredential revoked = ((Decision.Accepted) first).next();
        Decision second = LIFECYCLE.apply(revoked, Events.disconnected(T0.plusSeconds(2), null),
                T0.plusSeconds(2));

        assertThat(revoked.getStatus()).isEqualTo(ConnectionStatus.REVOKED);
        assertThat(revoked.getVersion()).isEqualTo(2);
        assertThat(revoked.getAccessToken()).isNull();
        assertThat(((Decision.Accepted) first).revocation()).hasValueSatisfying(r -> assertThat(r.getVersion()).isEqualTo(2));
        assertThat(second).isInstanceOf(Decision.Rejected.class);
    }

    @Test
    void anEventBasedOnAnOldVersionIsRejected() {
        StoredCredential v2 = accepted(accepted(null, Events.established(T0, null, null)),
                Events.established(T0.plusSeconds(1), null, null));

        Decision stale = LIFECYCLE.apply(v2, Events.disconnected(T0.plusSeconds(2), 1L), T0.plusSeconds(2));

        assertThat(stale).isInstanceOf(Decision.Rejected.class);
        assertThat(((Decision.Rejected) stale).reason()).contains("stale");
    }

    @Test
    void anExpiringTokenGetsARefreshTimerAMarginBeforeExpiry() {
        Instant expiresAt = T0.plus(Duration.ofHours(1));

        Decision decision = LIFECYCLE.apply(null, Events.established(T0, null, expiresAt), T0);

        TimerChange.Schedule timer = (TimerChange.Schedule) ((Decision.Accepted) decision).timer();
        assertThat(timer.timer().getDueAt()).isEqualTo(expiresAt.minus(Duration.ofMinutes(5)));
        assertThat(timer.timer().getVersion()).isEqualTo(1);
    }

    @Test
    void theTimerCarriesWhatTheRefreshWorkerNeedsSealed() {
        Decision decision = LIFECYCLE.apply(null, Events.established(T0, null, T0.plus(Duration.ofHours(1))), T0);

        ExpiryTimer timer = ((TimerChange.Schedule) ((Decision.Accepted) decision).timer()).timer();
        assertThat(timer.getInstance()).isEqualTo("https://mastodon.example");
        assertThat(timer.getAppRef()).isEqualTo("acme:mastodon.example:abc");
        assertThat(text(timer.getAccessToken())).isEqualTo("sealed-access-token");
        assertThat(text(timer.getRefreshToken())).isEqualTo("sealed-refresh-token");
        assertThat(timer.getFailures()).isZero();
        assertThat(timer.getUrgent()).isFalse();
    }

    @Test
    void aTokenThatExpiresWithoutARefreshTokenGetsATimerAtExpiryToReportIt() {
        Instant expiresAt = T0.plus(Duration.ofHours(1));

        Decision decision = LIFECYCLE.apply(null, Events.expiringWithoutRefreshToken(T0, expiresAt), T0);

        ExpiryTimer timer = ((TimerChange.Schedule) ((Decision.Accepted) decision).timer()).timer();
        assertThat(timer.getDueAt()).isEqualTo(expiresAt);
        assertThat(timer.getRefreshToken()).isNull();
    }

    @Test
    void aResealSendsTheTimerAgainWithTheResealedTokens() {
        StoredCredential v1 = accepted(null, Events.established(T0, null, T0.plus(Duration.ofHours(1))));

        Decision.Resealed resealed = (Decision.Resealed) LIFECYCLE.apply(v1, Events.resealed(T0, 1L, "kek-2-access"),
                T0);

        ExpiryTimer timer = ((TimerChange.Schedule) resealed.timer()).timer();
        assertThat(text(timer.getAccessToken())).isEqualTo("kek-2-access");
        assertThat(timer.getDueAt()).isEqualTo(v1.getNextRefreshAt());
        assertThat(timer.getVersion()).isEqualTo(1);
    }

    @Test
    void aRefreshRequestOnALiveExpiringConnectionAsksForAnUrgentRefreshWithoutANewVersion() {
        StoredCredential v1 = accepted(null, Events.established(T0, null, T0.plus(Duration.ofHours(1))));

        Decision decision = LIFECYCLE.apply(v1, Events.refreshRequested(T0.plusSeconds(3600), 1L),
                T0.plusSeconds(3600));

        ExpiryTimer timer = ((Decision.RefreshNow) decision).timer();
        assertThat(timer.getUrgent()).isTrue();
        assertThat(timer.getDueAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(timer.getVersion()).isEqualTo(1);
    }

    @Test
    void aRefreshRequestIsRejectedWhenStaleRevokedOrThereIsNoRefreshToken() {
        StoredCredential v1 = accepted(null, Events.established(T0, null, T0.plus(Duration.ofHours(1))));
        StoredCredential revoked = accepted(v1, Events.disconnected(T0, 1L));
        StoredCredential noRefresh = accepted(null, Events.expiringWithoutRefreshToken(T0, T0.plusSeconds(60)));

        assertThat(LIFECYCLE.apply(v1, Events.refreshRequested(T0, 7L), T0)).isInstanceOf(Decision.Rejected.class);
        assertThat(LIFECYCLE.apply(revoked, Events.refreshRequested(T0, 2L), T0)).isInstanceOf(Decision.Rejected.class);
        assertThat(LIFECYCLE.apply(noRefresh, Events.refreshRequested(T0, 1L), T0))
                .isInstanceOf(Decision.Rejected.class);
    }

    @Test
    void aRefreshRemembersWhetherTheServerRotatesRefreshTokens() {
        StoredCredential v1 = accepted(null, Events.established(T0, null, T0.plus(Duration.ofHours(1))));
        ConnectionEvent refreshed = Events.refreshed(T0, 1L, "new-access", T0.plus(Duration.ofHours(2)));
        ((io.authpipe.events.CredentialRefreshed) refreshed.getPayload()).setRefreshTokenRotated(true);

        Decision.Accepted accepted = (Decision.Accepted) LIFECYCLE.apply(v1, refreshed, T0);

        assertThat(v1.getRefreshTokenRotates()).isNull();
        assertThat(accepted.next().getRefreshTokenRotates()).isTrue();
        assertThat(((TimerChange.Schedule) accepted.timer()).timer().getRefreshTokenRotates()).isTrue();
    }

    @Test
    void aShortLivedTokenIsRefreshedHalfwayThroughItsLife() {
        assertThat(new RefreshPolicy(Duration.ofMinutes(5), Duration.ZERO)
                .dueAt(Events.KEY, 1, T0, T0.plus(Duration.ofMinutes(4)))).isEqualTo(T0.plus(Duration.ofMinutes(2)));
    }

    @Test
    void revokingAnExpiringConnectionCancelsItsTimer() {
        StoredCredential v1 = accepted(null, Events.established(T0, null, T0.plus(Duration.ofHours(1))));

        Decision decision = LIFECYCLE.apply(v1, Events.disconnected(T0.plusSeconds(1), 1L), T0);

        assertThat(((Decision.Accepted) decision).timer()).isInstanceOf(TimerChange.Cancel.class);
    }

    @Test
    void aResealReplacesTheSecretsWithoutANewVersionAndLosesToAConcurrentChange() {
        StoredCredential v1 = accepted(null, Events.established(T0, null, null));

        Decision resealed = LIFECYCLE.apply(v1, Events.resealed(T0, 1L, "sealed-under-kek-2"), T0);
        StoredCredential v2 = accepted(v1, Events.established(T0.plusSeconds(1), null, null));
        Decision late = LIFECYCLE.apply(v2, Events.resealed(T0, 1L, "sealed-under-kek-2"), T0);

        StoredCredential next = ((Decision.Resealed) resealed).next();
        assertThat(next.getVersion()).isEqualTo(1);
        assertThat(new String(next.getAccessToken().getEnvelope().array())).isEqualTo("sealed-under-kek-2");
        assertThat(late).isInstanceOf(Decision.Rejected.class);
    }

    @Test
    void erasingALiveConnectionReportsItDeletedAtTheNextVersion() {
        StoredCredential v1 = accepted(null, Events.established(T0, null, T0.plus(Duration.ofHours(1))));

        Decision.Erased erased = (Decision.Erased) LIFECYCLE.apply(v1, Events.erased(T0), T0.plusSeconds(1));

        Revocation revocation = erased.revocation();
        assertThat(revocation.getReason()).isEqualTo(RevocationReason.TENANT_DELETED);
        assertThat(revocation.getStatus()).isEqualTo(ConnectionStatus.DELETED);
        assertThat(revocation.getChange()).isEqualTo(StatusChange.DELETED);
        assertThat(revocation.getVersion()).isEqualTo(2);
        assertThat(revocation.getChangedAt()).isEqualTo(T0.plusSeconds(1)).isEqualTo(revocation.getRevokedAt());
        assertThat(erased.lastUpdate().getStatus()).isEqualTo(ConnectionStatus.DELETED);
        assertThat(erased.lastUpdate().getReason()).isEqualTo(RevocationReason.TENANT_DELETED)
                .isEqualTo(erased.lastUpdate().getStatusReason());
        assertThat(erased.lastUpdate().getVersion()).isEqualTo(2);
    }

    @Test
    void erasingARevokedConnectionStillReportsItDeleted() {
        StoredCredential v1 = accepted(null, Events.established(T0, null, null));
        StoredCredential revoked = accepted(v1, Events.disconnected(T0.plusSeconds(1), 1L));

        Decision erased = LIFECYCLE.apply(revoked, Events.erased(T0.plusSeconds(2)), T0.plusSeconds(2));

        assertThat(erased).isInstanceOfSatisfying(Decision.Erased.class, e -> {
            assertThat(e.revocation().getChange()).isEqualTo(StatusChange.DELETED);
            assertThat(e.revocation().getVersion()).isEqualTo(3);
        });
    }

    @Test
    void aRevocationCarriesTheNewStatusAndItsDirection() {
        StoredCredential v1 = accepted(null, Events.established(T0, null, null));

        Decision.Accepted revoked = (Decision.Accepted) LIFECYCLE.apply(v1,
                Events.disconnected(T0.plusSeconds(1), 1L), T0.plusSeconds(1));

        assertThat(revoked.revocation()).hasValueSatisfying(r -> {
            assertThat(r.getStatus()).isEqualTo(ConnectionStatus.REVOKED);
            assertThat(r.getChange()).isEqualTo(StatusChange.UNUSABLE);
            assertThat(r.getChangedAt()).isEqualTo(T0.plusSeconds(1));
        });
        assertThat(CredentialViews.updated(revoked.next()).getReason())
                .isEqualTo(revoked.revocation().orElseThrow().getReason());
    }

    @Test
    void aRefreshBasedOnTheCurrentVersionReplacesTheTokenAndPlansTheNextRefresh() {
        StoredCredential v1 = accepted(null, Events.established(T0, null, T0.plus(Duration.ofHours(1))));

        Decision.Accepted refreshed = (Decision.Accepted) LIFECYCLE.apply(v1,
                Events.refreshed(T0.plus(Duration.ofMinutes(55)), 1L, "new-access", T0.plus(Duration.ofHours(2))),
                T0.plus(Duration.ofMinutes(55)));

        StoredCredential v2 = refreshed.next();
        assertThat(v2.getVersion()).isEqualTo(2);
        assertThat(new String(v2.getAccessToken().getEnvelope().array())).isEqualTo("new-access");
        assertThat(new String(v2.getRefreshToken().getEnvelope().array())).isEqualTo("sealed-refresh-token");
        assertThat(v2.getLastRefreshAt()).isEqualTo(T0.plus(Duration.ofMinutes(55)));
        assertThat(v2.getNextRefreshAt()).isEqualTo(T0.plus(Duration.ofHours(2)).minus(Duration.ofMinutes(5)));
        assertThat(refreshed.timer()).isInstanceOf(TimerChange.Schedule.class);
    }

    @Test
    void aLateRefreshLosesToARevocation() {
        StoredCredential v1 = accepted(null, Events.established(T0, null, T0.plus(Duration.ofHours(1))));
        StoredCredential revoked = accepted(v1, Events.disconnected(T0.plusSeconds(1), 1L));

        Decision late = LIFECYCLE.apply(revoked, Events.refreshed(T0.plusSeconds(2), 1L, "late", null), T0);
        Decision sameVersion = LIFECYCLE.apply(revoked, Events.refreshed(T0.plusSeconds(2), 2L, "late", null), T0);

        assertThat(late).isInstanceOf(Decision.Rejected.class);
        assertThat(sameVersion).isInstanceOf(Decision.Rejected.class);
    }

    @Test
    void aTransientFailureKeepsTheTokenUsableAndRetriesAtTheGivenTime() {
        StoredCredential v1 = accepted(null, Events.established(T0, null, T0.plus(Duration.ofHours(1))));
        Instant retryAt = T0.plus(Duration.ofMinutes(56));

        Decision.Accepted failed = (Decision.Accepted) LIFECYCLE.apply(v1,
                Events.refreshFailed(T0.plus(Duration.ofMinutes(55)), 1L, false, "http_503", retryAt), T0);

        assertThat(failed.next().getStatus()).isEqualTo(ConnectionStatus.REFRESHING);
        assertThat(failed.next().getAccessToken()).isNotNull();
        assertThat(failed.next().getRefreshFailures()).isEqualTo(1);
        assertThat(((TimerChange.Schedule) failed.timer()).timer().getDueAt()).isEqualTo(retryAt);
        assertThat(failed.revocation()).isEmpty();
    }

    @Test
    void aPermanentFailureNeedsReauthorizationAndIsReportedOnce() {
        StoredCredential v1 = accepted(null, Events.established(T0, null, T0.plus(Duration.ofHours(1))));

        Decision.Accepted first = (Decision.Accepted) LIFECYCLE.apply(v1,
                Events.refreshFailed(T0, 1L, true, "invalid_grant", null), T0);
        Decision second = LIFECYCLE.apply(first.next(),
                Events.refreshFailed(T0, 2L, true, "invalid_grant", null), T0);

        assertThat(first.next().getStatus()).isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION);
        assertThat(first.next().getAccessToken()).isNull();
        assertThat(first.revocation()).hasValueSatisfying(r ->
                assertThat(r.getReason()).isEqualTo(io.authpipe.events.RevocationReason.REFRESH_REJECTED));
        assertThat(first.timer()).isInstanceOf(TimerChange.Cancel.class);
        assertThat(second).isInstanceOf(Decision.Rejected.class);
    }

    @Test
    void jitterSpreadsAFleetExpiringInTheSameSecondAndIsStablePerConnection() {
        RefreshPolicy policy = new RefreshPolicy(Duration.ofMinutes(5), Duration.ofMinutes(1));
        Instant expiresAt = T0.plus(Duration.ofHours(1));

        java.util.Set<Instant> due = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Instant at = policy.dueAt("acme:mastodon:u" + i, 1, T0, expiresAt);
            assertThat(at).isBetween(expiresAt.minus(Duration.ofMinutes(6)), expiresAt.minus(Duration.ofMinutes(5)));
            due.add(at);
        }

        assertThat(due).hasSizeGreaterThan(900);
        assertThat(policy.dueAt("acme:mastodon:u1", 1, T0, expiresAt))
                .isEqualTo(policy.dueAt("acme:mastodon:u1", 1, T0, expiresAt));
    }

    @Property
    void aLateRefreshOrCheckResultNeverRevivesARevokedConnection(@ForAll("refreshHistories") List<ConnectionEvent> events) {
        StoredCredential state = null;
        for (ConnectionEvent event : events) {
            Decision decision = LIFECYCLE.apply(state, event, T0);
            Object payload = event.getPayload();
            boolean providerResult = payload instanceof io.authpipe.events.CredentialRefreshed
                    || payload instanceof io.authpipe.events.RefreshFailed
                    || payload instanceof io.authpipe.events.CredentialChecked;
            boolean dead = state != null && !ConnectionStates.holdsSecrets(state.getStatus());
            if (dead && providerResult) {
                assertThat(decision).isInstanceOf(Decision.Rejected.class);
            }
            StoredCredential previous = state;
            if (decision instanceof Decision.Accepted accepted) {
                state = accepted.next();
            } else if (decision instanceof Decision.Noted noted) {
                state = noted.next();
            }
            if (previous != null) {
                assertThat(state.getVersion()).isGreaterThanOrEqualTo(previous.getVersion());
            }
        }
    }

    @Provide
    Arbitrary<List<ConnectionEvent>> refreshHistories() {
        Arbitrary<Long> base = Arbitraries.longs().between(0, 6).injectNull(0.2);
        Arbitrary<ConnectionEvent> established = base.map(b -> Events.established(T0, b, T0.plusSeconds(3600)));
        Arbitrary<ConnectionEvent> disconnected = base.map(b -> Events.disconnected(T0, b));
        Arbitrary<ConnectionEvent> refreshed = base.map(b -> Events.refreshed(T0, b, "r", T0.plusSeconds(7200)));
        Arbitrary<ConnectionEvent> failed = base.map(b -> Events.refreshFailed(T0, b, b != null && b % 2 == 0,
                "x", T0.plusSeconds(60)));
        Arbitrary<ConnectionEvent> checked = Combinators.combine(base, Arbitraries.of(io.authpipe.events.CheckOutcome.class))
                .as((b, outcome) -> Events.checked(T0, b, outcome, 200, null));
        return Arbitraries.oneOf(established, disconnected, refreshed, failed, checked).list().ofMaxSize(25);
    }

    @Property
    void noInterleavingMakesTheVersionGoBackOrAStaleEventApply(@ForAll("histories") List<ConnectionEvent> events) {
        StoredCredential state = null;
        for (ConnectionEvent event : events) {
            Decision decision = LIFECYCLE.apply(state, event, T0);
            if (decision instanceof Decision.Accepted accepted) {
                long before = state == null ? 0 : state.getVersion();
                assertThat(accepted.next().getVersion()).isEqualTo(before + 1);
                assertThat(event.getBaseVersion() == null || event.getBaseVersion() == before).isTrue();
                state = accepted.next();
            } else if (state != null && event.getBaseVersion() != null) {
                assertThat(event.getBaseVersion() != state.getVersion()
                        || state.getStatus() == ConnectionStatus.REVOKED).isTrue();
            }
        }
    }

    @Provide
    Arbitrary<List<ConnectionEvent>> histories() {
        Arbitrary<Long> base = Arbitraries.longs().between(0, 6).injectNull(0.4);
        Arbitrary<ConnectionEvent> established = base.map(b -> Events.established(T0, b, null));
        Arbitrary<ConnectionEvent> disconnected = base.map(b -> Events.disconnected(T0, b));
        return Arbitraries.oneOf(established, disconnected).list().ofMaxSize(20);
    }

    private static StoredCredential accepted(StoredCredential current, ConnectionEvent event) {
        return ((Decision.Accepted) LIFECYCLE.apply(current, event, T0)).next();
    }

    private static String text(EncryptedSecret secret) {
        return new String(secret.getEnvelope().array(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
