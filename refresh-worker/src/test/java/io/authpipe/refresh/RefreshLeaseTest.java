package io.authpipe.refresh;

import static io.authpipe.refresh.TimerDriver.T0;
import static io.authpipe.refresh.TimerDriver.TICK;
import static io.authpipe.refresh.TimerDriver.timer;
import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.events.ExpiryTimer;
import java.time.Duration;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lease protocol: a due refresh is recorded before it is sent, sent once per version, and after an unknown
 * outcome probed instead of replayed. Wall clock from {@link org.apache.kafka.streams.TopologyTestDriver}.
 */
class RefreshLeaseTest {
    static final String KEY = "acme:mastodon:u1";
    static final Duration LEASE = Duration.ofMinutes(5);

    TimerDriver driver = TimerDriver.start(TimerDriver.settings().withLease(LEASE), Stores::persistentKeyValueStore);

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aDueRefreshIsLeasedFirstAndHandedOverOnlyOnTheNextScanAfterTheCommit() {
        driver.put(timer("u1", 1, T0.plusSeconds(5)));

        driver.advance(Duration.ofSeconds(5));
        assertThat(driver.dispatched()).hasSize(1);
        assertThat(driver.jobs()).isEmpty();
        assertThat(driver.lease(KEY).getVersion()).isEqualTo(1);
        assertThat(driver.lease(KEY).getAnswered()).isFalse();
        assertThat(driver.stored(KEY).getDueAt()).isEqualTo(driver.now().plus(LEASE));

        driver.advance(TICK);
        assertThat(driver.jobs()).singleElement().satisfies(job -> {
            assertThat(job.mode()).isEqualTo(RefreshJob.Mode.REFRESH);
            assertThat(job.keys().tenant().value()).isEqualTo("acme");
        });
    }

    @Test
    void theSameVersionArrivingAgainDuringTheLeaseIsNotRefreshedTwice() {
        driver.put(timer("u1", 1, T0.plusSeconds(5)));
        driver.advance(Duration.ofSeconds(5));

        ExpiryTimer urgentAgain = timer("u1", 1, driver.now());
        urgentAgain.setUrgent(true);
        driver.put(urgentAgain);
        driver.advance(Duration.ofMinutes(4));

        assertThat(driver.dispatched()).hasSize(1);
        assertThat(driver.stored(KEY).getUrgent()).isTrue();
    }

    @Test
    void theVaultsNextTimerEndsTheLease() {
        driver.put(timer("u1", 1, T0.plusSeconds(5)));
        driver.advance(Duration.ofSeconds(5));

        driver.put(timer("u1", 2, driver.now().plusSeconds(3)));

        assertThat(driver.lease(KEY)).isNull();
        driver.advance(Duration.ofSeconds(3));
        driver.advance(TICK);
        assertThat(driver.jobs()).extracting(RefreshJob::version).containsExactly(1L, 2L);
        assertThat(driver.jobs().get(1).mode()).isEqualTo(RefreshJob.Mode.REFRESH);
    }

    @Test
    void aLeaseThatRunsOutWithoutAnAnswerMakesTheNextAttemptProbeFirst() {
        handOverTheFirstRefresh();

        driver.advance(LEASE);
        driver.advance(TICK);

        assertThat(driver.jobs()).extracting(RefreshJob::mode)
                .containsExactly(RefreshJob.Mode.REFRESH, RefreshJob.Mode.PROBE_FIRST);
        assertThat(driver.jobs()).extracting(RefreshJob::attempt).containsExactly(1, 2);
        assertThat(driver.lease(KEY).getAttempts()).isEqualTo(2);
    }

    @Test
    void anAnsweredLeaseThatRunsOutIsExtendedNotRefreshedAgain() {
        handOverTheFirstRefresh();
        RefreshJob job = driver.jobs().get(0);

        job.onCompletion().accept(new Completion.Answered(KEY, 1));
        driver.advance(TICK);
        driver.advance(LEASE);
        driver.advance(TICK);

        assertThat(driver.lease(KEY).getAnswered()).isTrue();
        assertThat(driver.jobs()).hasSize(1);
        assertThat(driver.stored(KEY).getDueAt()).isAfter(driver.now());
    }

    @Test
    void anInconclusiveOutcomeIsProbedAgainAtItsRetryTime() {
        handOverTheFirstRefresh();

        driver.jobs().get(0).onCompletion().accept(new Completion.Inconclusive(KEY, 1, driver.now().plusSeconds(30)));
        driver.advance(TICK);
        assertThat(driver.stored(KEY).getDueAt()).isEqualTo(driver.now().minus(TICK).plusSeconds(30));
        driver.advance(Duration.ofSeconds(30));
        driver.advance(TICK);

        assertThat(driver.jobs()).extracting(RefreshJob::mode)
                .containsExactly(RefreshJob.Mode.REFRESH, RefreshJob.Mode.PROBE_FIRST);
    }

    @Test
    void aRefreshThatWasNotSentIsRetriedPlainlyAtItsRetryTime() {
        handOverTheFirstRefresh();

        driver.jobs().get(0).onCompletion().accept(new Completion.NotSent(KEY, 1, driver.now().plusSeconds(30)));
        driver.advance(TICK);
        assertThat(driver.lease(KEY)).isNull();
        driver.advance(Duration.ofSeconds(30));
        driver.advance(TICK);

        assertThat(driver.jobs()).extracting(RefreshJob::mode)
                .containsExactly(RefreshJob.Mode.REFRESH, RefreshJob.Mode.REFRESH);
    }

    @Test
    void aTimerTheExecutorCannotTakeWaitsWithoutALeaseAndIsTriedAgainSoon() {
        driver.admit(false);
        driver.put(timer("u1", 1, T0.plusSeconds(5)));
        driver.advance(Duration.ofSeconds(5));

        assertThat(driver.lease(KEY)).isNull();
        assertThat(driver.stored(KEY).getDueAt()).isEqualTo(driver.now().plusSeconds(2));
        driver.admit(true);
        driver.advance(Duration.ofSeconds(2));
        driver.advance(TICK);
        assertThat(driver.jobs()).singleElement().extracting(RefreshJob::mode).isEqualTo(RefreshJob.Mode.REFRESH);
    }

    @Test
    void aTimerWithoutARefreshTokenReportsTheExpiry() {
        ExpiryTimer expiring = timer("u1", 1, T0.plusSeconds(5));
        expiring.setRefreshToken(null);
        driver.put(expiring);

        driver.advance(Duration.ofSeconds(5));
        driver.advance(TICK);

        assertThat(driver.jobs()).singleElement().extracting(RefreshJob::mode)
                .isEqualTo(RefreshJob.Mode.REPORT_EXPIRED);
    }

    @Test
    void aTombstoneEndsTheLeaseAndTheTimer() {
        driver.put(timer("u1", 1, T0.plusSeconds(5)));
        driver.advance(Duration.ofSeconds(5));

        driver.cancel(KEY);

        assertThat(driver.lease(KEY)).isNull();
        assertThat(driver.stored(KEY)).isNull();
    }

    @Test
    void aTimerOfATenantThatIsGoneIsDropped() {
        ExpiryTimer foreign = timer("u1", 1, T0.plusSeconds(5));
        foreign.getConnection().setTenantId("gone");
        driver.put("gone:mastodon:u1", foreign);

        driver.advance(Duration.ofSeconds(5));
        driver.advance(TICK);

        assertThat(driver.jobs()).isEmpty();
        assertThat(driver.stored("gone:mastodon:u1")).isNull();
    }

    @Test
    void tokensARefreshObtainedAreRevokedWhenATombstoneComesBeforeTheVaultAppliedThem() {
        handOverTheFirstRefresh();

        driver.jobs().get(0).onCompletion().accept(refreshed(driver.jobs().get(0)));
        driver.advance(TICK);
        assertThat(driver.orphansRevoked()).isEmpty();
        driver.cancel(KEY);

        assertThat(driver.orphansRevoked()).singleElement()
                .satisfies(issued -> assertThat(issued.job().version()).isEqualTo(1));
    }

    @Test
    void tokensARefreshObtainedAfterItsConnectionWasTombstonedAreRevoked() {
        handOverTheFirstRefresh();
        driver.cancel(KEY);

        driver.jobs().get(0).onCompletion().accept(refreshed(driver.jobs().get(0)));
        driver.advance(TICK);

        assertThat(driver.orphansRevoked()).hasSize(1);
        assertThat(driver.lease(KEY)).isNull();
    }

    @Test
    void tokensTheVaultAppliedAreNeverRevokedByALaterTombstone() {
        handOverTheFirstRefresh();
        driver.jobs().get(0).onCompletion().accept(refreshed(driver.jobs().get(0)));
        driver.advance(TICK);

        driver.put(timer("u1", 2, driver.now().plusSeconds(60)));
        driver.cancel(KEY);

        assertThat(driver.orphansRevoked()).isEmpty();
    }

    @Test
    void tokensTheVaultAppliedBeforeTheCompletionWasSettledAreNeverRevoked() {
        handOverTheFirstRefresh();
        driver.jobs().get(0).onCompletion().accept(refreshed(driver.jobs().get(0)));
        driver.put(timer("u1", 2, driver.now().plusSeconds(60)));
        driver.advance(TICK);

        driver.cancel(KEY);

        assertThat(driver.orphansRevoked()).isEmpty();
    }

    @Test
    void aFailureAnsweredBeforeATombstoneRevokesNothing() {
        handOverTheFirstRefresh();
        driver.jobs().get(0).onCompletion().accept(new Completion.Answered(KEY, 1));
        driver.advance(TICK);

        driver.cancel(KEY);

        assertThat(driver.orphansRevoked()).isEmpty();
    }

    private static Completion.Answered refreshed(RefreshJob job) {
        return new Completion.Answered(KEY, job.version(), java.util.Optional.of(new Completion.Issued(job,
                job.timer().getAccessToken(), job.timer().getRefreshToken())));
    }

    /** u1's timer at version 1 comes due, is leased, and is handed to the executor on the next scan. */
    private void handOverTheFirstRefresh() {
        driver.put(timer("u1", 1, T0.plusSeconds(5)));
        driver.advance(Duration.ofSeconds(5));
        driver.advance(TICK);
    }
}
