package io.authpipe.broker.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.vault.Decision.TimerChange;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.StoredCredential;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CredentialLifecycleTest {
    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void aFirstAuthorizationCreatesVersionOneActive() {
        Decision decision = CredentialLifecycle.apply(null, Events.established(T0, null, null), T0);

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

        Decision first = CredentialLifecycle.apply(v1, Events.disconnected(T0.plusSeconds(1), 1L), T0.plusSeconds(1));
        StoredCredential revoked = ((Decision.Accepted) first).next();
        Decision second = CredentialLifecycle.apply(revoked, Events.disconnected(T0.plusSeconds(2), null),
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

        Decision stale = CredentialLifecycle.apply(v2, Events.disconnected(T0.plusSeconds(2), 1L), T0.plusSeconds(2));

        assertThat(stale).isInstanceOf(Decision.Rejected.class);
        assertThat(((Decision.Rejected) stale).reason()).contains("stale");
    }

    @Test
    void anExpiringTokenGetsARefreshTimerAMarginBeforeExpiry() {
        Instant expiresAt = T0.plus(Duration.ofHours(1));

        Decision decision = CredentialLifecycle.apply(null, Events.established(T0, null, expiresAt), T0);

        TimerChange.Schedule timer = (TimerChange.Schedule) ((Decision.Accepted) decision).timer();
        assertThat(timer.timer().getDueAt()).isEqualTo(expiresAt.minus(Duration.ofMinutes(5)));
        assertThat(timer.timer().getVersion()).isEqualTo(1);
    }

    @Test
    void aShortLivedTokenIsRefreshedAtNinetyPercentOfItsLife() {
        assertThat(CredentialLifecycle.refreshDue(T0, T0.plus(Duration.ofMinutes(10))))
                .isEqualTo(T0.plus(Duration.ofMinutes(9)));
    }

    @Test
    void revokingAnExpiringConnectionCancelsItsTimer() {
        StoredCredential v1 = accepted(null, Events.established(T0, null, T0.plus(Duration.ofHours(1))));

        Decision decision = CredentialLifecycle.apply(v1, Events.disconnected(T0.plusSeconds(1), 1L), T0);

        assertThat(((Decision.Accepted) decision).timer()).isInstanceOf(TimerChange.Cancel.class);
    }

    @Test
    void aResealReplacesTheSecretsWithoutANewVersionAndLosesToAConcurrentChange() {
        StoredCredential v1 = accepted(null, Events.established(T0, null, null));

        Decision resealed = CredentialLifecycle.apply(v1, Events.resealed(T0, 1L, "sealed-under-kek-2"), T0);
        StoredCredential v2 = accepted(v1, Events.established(T0.plusSeconds(1), null, null));
        Decision late = CredentialLifecycle.apply(v2, Events.resealed(T0, 1L, "sealed-under-kek-2"), T0);

        StoredCredential next = ((Decision.Resealed) resealed).next();
        assertThat(next.getVersion()).isEqualTo(1);
        assertThat(new String(next.getAccessToken().getEnvelope().array())).isEqualTo("sealed-under-kek-2");
        assertThat(late).isInstanceOf(Decision.Rejected.class);
    }

    @Test
    void erasingALiveConnectionReportsItRevokedForTheDeletedTenant() {
        StoredCredential v1 = accepted(null, Events.established(T0, null, T0.plus(Duration.ofHours(1))));

        Decision.Erased erased = (Decision.Erased) CredentialLifecycle.apply(v1, Events.erased(T0), T0);

        assertThat(erased.revocation()).hasValueSatisfying(r ->
                assertThat(r.getReason()).isEqualTo(io.authpipe.events.RevocationReason.TENANT_DELETED));
        assertThat(erased.timer()).isInstanceOf(TimerChange.Cancel.class);
    }

    @Property
    void noInterleavingMakesTheVersionGoBackOrAStaleEventApply(@ForAll("histories") List<ConnectionEvent> events) {
        StoredCredential state = null;
        for (ConnectionEvent event : events) {
            Decision decision = CredentialLifecycle.apply(state, event, T0);
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
        return ((Decision.Accepted) CredentialLifecycle.apply(current, event, T0)).next();
    }
}
