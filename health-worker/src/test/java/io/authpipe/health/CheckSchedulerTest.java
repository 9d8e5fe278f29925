package io.authpipe.health;

import static io.authpipe.health.CheckDriver.IN_FLIGHT_TIMEOUT;
import static io.authpipe.health.CheckDriver.INTERVAL;
import static io.authpipe.health.CheckDriver.MIN_GAP;
import static io.authpipe.health.CheckDriver.RETRY_BASE;
import static io.authpipe.health.CheckDriver.SCAN;
import static io.authpipe.health.CheckDriver.T0;
import static io.authpipe.health.CheckDriver.healthy;
import static io.authpipe.health.CheckDriver.key;
import static io.authpipe.health.CheckDriver.rateLimited;
import static io.authpipe.health.CheckDriver.subject;
import static io.authpipe.health.CheckDriver.tenant;
import static io.authpipe.health.CheckDriver.unavailable;
import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.events.CheckOutcome;
import io.authpipe.events.CheckSubject;
import io.authpipe.events.ScheduledCheck;
import io.authpipe.health.check.CheckJob;
import io.authpipe.mastodon.RateLimit;
import io.authpipe.records.TenantKeyRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The check schedule, driven by {@link org.apache.kafka.streams.TopologyTestDriver}'s wall clock and an injected
 * clock moved with it; the random factor is {@link CheckDriver#RANDOM} (0.25) unless a test sets another. No sleeping.
 */
class CheckSchedulerTest {
    static final String KEY = key("u1");
    /** A new connection's first check with random 0.25: 0.5 + 0.25 intervals after it arrives. */
    static final Instant FIRST_DUE = T0.plus(INTERVAL.multipliedBy(3).dividedBy(4));
    /** After an answer with random 0.25: 0.8 + 0.4 * 0.25 = 0.9 intervals. */
    static final Duration AFTER_ANSWER = INTERVAL.multipliedBy(9).dividedBy(10);

    CheckDriver driver = CheckDriver.start();

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aNewConnectionIsFirstCheckedAtHalfAnIntervalPlusTheRandomShareAndNotBefore() {
        driver.put(subject("u1"));

        assertThat(driver.stored(KEY).getDueAt()).isEqualTo(FIRST_DUE);
        driver.advanceTo(FIRST_DUE.minus(SCAN));
        assertThat(driver.jobs()).isEmpty();
        driver.advance(SCAN);

        assertThat(driver.jobs()).singleElement().satisfies(job -> assertThat(job.takenAt()).isEqualTo(FIRST_DUE));
    }

    @Test
    void theJobCarriesTheSubjectAndTheTenantsKeysAndIsNotUrgent() {
        CheckSubject subject = subject("u1");
        driver.put(subject);

        driver.advanceTo(FIRST_DUE);

        CheckJob job = driver.jobs().get(0);
        assertThat(job.connectionKey()).isEqualTo(KEY);
        assertThat(job.subject()).isEqualTo(subject);
        assertThat(job.keys()).isEqualTo(TenantKeyRecords.keysOf(tenant("acme")));
        assertThat(job.urgent()).isFalse();
    }

    @Test
    void aNewerSubjectKeepsTheConnectionsTimingAndIsWhatGetsChecked() {
        driver.put(subject("u1"));
        driver.advance(Duration.ofMinutes(5));

        CheckSubject newer = subject("acme", "u1", 2);
        driver.put(newer);
        assertThat(driver.stored(KEY).getDueAt()).isEqualTo(FIRST_DUE);
        driver.advanceTo(FIRST_DUE);

        assertThat(driver.jobs()).singleElement().satisfies(job -> assertThat(job.version()).isEqualTo(2));
    }

    @Test
    void aTombstoneCancelsTheCheck() {
        driver.put(subject("u1"));

        driver.end(KEY);
        driver.advance(INTERVAL);
        driver.advance(INTERVAL);

        assertThat(driver.stored(KEY)).isNull();
        assertThat(driver.jobs()).isEmpty();
    }

    @Test
    void aConnectionOfAnUnknownTenantIsNotHandedOver() {
        driver.put(subject("gone", "u1", 1));

        driver.advance(INTERVAL);
        driver.advance(INTERVAL);

        assertThat(driver.jobs()).isEmpty();
    }

    @Test
    void aRequestMakesTheConnectionDueAtOnceAndItsCheckUrgent() {
        driver.put(subject("u1"));
        driver.advance(Duration.ofMinutes(1));

        driver.request("u1");
        assertThat(driver.stored(KEY).getDueAt()).isEqualTo(CheckScheduler.URGENT);
        assertThat(driver.stored(KEY).getRequestedAt()).isEqualTo(driver.now());
        driver.advance(SCAN);

        assertThat(driver.jobs()).singleElement().satisfies(job -> {
            assertThat(job.urgent()).isTrue();
            assertThat(job.takenAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)).plus(SCAN));
        });
    }

    @Test
    void aRequestedCheckIsHandedOverBeforeABacklogOfOverdueOnes() {
        driver.room(0);
        for (String user : List.of("u1", "u2", "u3")) {
            driver.put(subject(user));
        }
        driver.advance(INTERVAL.multipliedBy(2)); // all three overdue, none handed over: no room

        driver.request("u3");
        driver.room(1);
        driver.advance(SCAN);

        assertThat(driver.jobs()).singleElement().satisfies(job -> {
            assertThat(job.connectionKey()).isEqualTo(key("u3"));
            assertThat(job.urgent()).isTrue();
        });
    }

    @Test
    void aRequestForAnUnknownConnectionIsDroppedAndCounted() {
        driver.request("nobody");
        driver.advance(SCAN);

        assertThat(driver.stored(key("nobody"))).isNull();
        assertThat(driver.jobs()).isEmpty();
        assertThat(driver.count("authpipe.health.requests.dropped")).isEqualTo(1);
    }

    @Test
    void aRequestAheadOfItsNewConnectionIsAppliedWhenTheConnectionArrives() {
        driver.request("u1"); // the service reported the token before the vault's subject reached the worker
        driver.advance(Duration.ofSeconds(5));
        driver.put(subject("u1"));

        assertThat(driver.stored(KEY).getRequestedAt()).isEqualTo(T0);
        driver.advance(SCAN);
        assertThat(driver.jobs()).singleElement().satisfies(job -> assertThat(job.urgent()).isTrue());
    }

    @Test
    void aRequestHeldLongerThanAMinuteForAConnectionThatNeverCameIsForgotten() {
        driver.request("u1");
        driver.advance(Duration.ofSeconds(61));
        driver.put(subject("u1"));

        assertThat(driver.stored(KEY).getRequestedAt()).isNull();
        driver.advance(SCAN);
        assertThat(driver.jobs()).isEmpty();
    }

    @Test
    void aRequestRightAfterACheckWaitsForTheMinimumGap() {
        CheckJob first = handOverARequestedCheck();
        Instant checkedAt = driver.now();
        driver.finish(first, healthy());
        driver.advance(SCAN);

        driver.request("u1");
        assertThat(driver.stored(KEY).getDueAt()).isEqualTo(checkedAt.plus(MIN_GAP));
        driver.advanceTo(checkedAt.plus(MIN_GAP).minus(SCAN));
        assertThat(driver.jobs()).hasSize(1);
        driver.advance(SCAN);

        assertThat(driver.jobs()).hasSize(2);
        assertThat(driver.lastJob().takenAt()).isEqualTo(checkedAt.plus(MIN_GAP));
        assertThat(driver.lastJob().urgent()).isTrue();
    }

    @Test
    void twoRequestsCollapseIntoOneCheck() {
        driver.put(subject("u1"));
        driver.advance(Duration.ofMinutes(1));

        driver.request("u1");
        driver.request("u1");
        driver.advance(SCAN);
        driver.finish(driver.lastJob(), healthy());
        driver.advance(SCAN);
        driver.advance(SCAN);

        assertThat(driver.jobs()).hasSize(1);
        assertThat(driver.stored(KEY).getRequestedAt()).isNull();
    }

    @Test
    void aRequestMadeWhileAScheduledCheckRunsIsAnsweredByAnotherCheckAfterTheMinimumGap() {
        driver.put(subject("u1"));
        driver.advanceTo(FIRST_DUE);
        CheckJob running = driver.lastJob();
        driver.advance(SCAN);

        driver.request("u1");
        Instant endedAt = driver.now();
        driver.finish(running, healthy());
        driver.advance(SCAN);
        assertThat(driver.stored(KEY).getDueAt()).isEqualTo(endedAt.plus(MIN_GAP));
        driver.advanceTo(endedAt.plus(MIN_GAP));

        assertThat(driver.jobs()).hasSize(2);
        assertThat(driver.lastJob().urgent()).isTrue();
    }

    /*
     * Fails against main as of writing (a main-code bug, not a wrong test): CheckScheduler.requested keeps the first
     * open requestedAt, so a request made after a requested check started is forgotten when that check settles (see
     * CheckDone#startedAt: "a check request made after it is still open"). Fixed by keeping the newest requestedAt.
     */
    @Test
    void aRequestMadeWhileARequestedCheckRunsIsAnsweredByAnotherCheckAfterTheMinimumGap() {
        CheckJob running = handOverARequestedCheck();
        driver.advance(SCAN);

        driver.request("u1");
        Instant endedAt = driver.now();
        driver.finish(running, healthy());
        driver.advance(SCAN);
        assertThat(driver.stored(KEY).getDueAt()).isEqualTo(endedAt.plus(MIN_GAP));
        driver.advanceTo(endedAt.plus(MIN_GAP));

        assertThat(driver.jobs()).hasSize(2);
        assertThat(driver.lastJob().urgent()).isTrue();
    }

    @Test
    void anAnswerSetsTheNextCheckAtPointEightToOnePointTwoIntervalsAndClosesTheRequest() {
        CheckJob job = handOverARequestedCheck();
        Instant endedAt = driver.now();

        driver.finish(job, healthy());
        driver.advance(SCAN);

        ScheduledCheck stored = driver.stored(KEY);
        assertThat(stored.getDueAt()).isEqualTo(driver.now().plus(AFTER_ANSWER));
        assertThat(stored.getRequestedAt()).isNull();
        assertThat(stored.getLastCheckAt()).isEqualTo(endedAt);
        assertThat(stored.getLastOutcome()).isEqualTo(CheckOutcome.HEALTHY);
        assertThat(stored.getAmbiguousInRow()).isZero();
    }

    @Test
    void anUnavailableInstanceIsAskedAgainAfterTheRetryBaseDoublingUpToTheInterval() {
        driver.random(0.5); // a factor of exactly 1: the waits are the bare backoff
        driver.put(subject("u1"));
        driver.advanceTo(T0.plus(INTERVAL));

        List<Duration> waits = List.of(RETRY_BASE, RETRY_BASE.multipliedBy(2), RETRY_BASE.multipliedBy(4),
                RETRY_BASE.multipliedBy(8), RETRY_BASE.multipliedBy(16), INTERVAL, INTERVAL);
        for (int i = 0; i < waits.size(); i++) {
            driver.finish(driver.lastJob(), unavailable());
            driver.advance(SCAN);
            assertThat(driver.stored(KEY).getDueAt()).as("wait after %d in a row", i + 1)
                    .isEqualTo(driver.now().plus(waits.get(i)));
            assertThat(driver.stored(KEY).getAmbiguousInRow()).isEqualTo(i + 1);
            driver.advance(waits.get(i));
            assertThat(driver.jobs()).hasSize(i + 2);
        }
    }

    @Test
    void anAnswerAfterUnavailableOnesEndsTheBackoff() {
        driver.random(0.5);
        driver.put(subject("u1"));
        driver.advanceTo(T0.plus(INTERVAL));
        driver.finish(driver.lastJob(), unavailable());
        driver.advance(SCAN);
        driver.advance(RETRY_BASE);

        driver.finish(driver.lastJob(), healthy());
        driver.advance(SCAN);

        assertThat(driver.stored(KEY).getAmbiguousInRow()).isZero();
        assertThat(driver.stored(KEY).getDueAt()).isEqualTo(driver.now().plus(INTERVAL));
    }

    @Test
    void aRateLimitedCheckWaitsUntilItsRetryTimeWhenThatIsLaterThanTheBackoff() {
        driver.put(subject("u1"));
        driver.advanceTo(FIRST_DUE);
        Instant retryAt = driver.now().plus(Duration.ofMinutes(10));

        driver.finish(driver.lastJob(), rateLimited(retryAt));
        driver.advance(SCAN);
        assertThat(driver.stored(KEY).getDueAt()).isEqualTo(retryAt);
        driver.advanceTo(retryAt.minus(SCAN));
        assertThat(driver.jobs()).hasSize(1);
        driver.advance(SCAN);

        assertThat(driver.jobs()).hasSize(2);
        assertThat(driver.stored(KEY).getLastOutcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
    }

    @Test
    void aRateLimitedCheckWhoseRetryTimeIsSoonerWaitsForTheBackoff() {
        driver.put(subject("u1"));
        driver.advanceTo(FIRST_DUE);

        driver.finish(driver.lastJob(), rateLimited(driver.now().plusSeconds(5)));
        driver.advance(SCAN);

        assertThat(driver.stored(KEY).getDueAt())
                .isEqualTo(driver.now().plus(RETRY_BASE.multipliedBy(9).dividedBy(10)));
    }

    /*
     * Fails against main as of writing (a main-code bug, not a wrong test): CheckScheduler.handOver treats a due check
     * whose connection is still in its in-memory in-flight set as not due and moves it by another in-flight timeout,
     * for ever, so a check whose CheckDone is lost is never taken again while the task lives. Fixed by remembering
     * when each check was handed over and handing it over again once the in-flight timeout has passed.
     */
    @Test
    void aCheckThatNeverReportsIsHandedOverAgainAfterTheInFlightTimeout() {
        driver.put(subject("u1"));
        driver.advanceTo(FIRST_DUE);
        assertThat(driver.stored(KEY).getDueAt()).isEqualTo(FIRST_DUE.plus(IN_FLIGHT_TIMEOUT));

        driver.advanceTo(FIRST_DUE.plus(IN_FLIGHT_TIMEOUT).minus(SCAN));
        assertThat(driver.jobs()).hasSize(1);
        driver.advance(SCAN);

        assertThat(driver.jobs()).hasSize(2);
        assertThat(driver.lastJob().takenAt()).isEqualTo(FIRST_DUE.plus(IN_FLIGHT_TIMEOUT));
    }

    @Test
    void aCheckTheDispatchRefusesIsOfferedAgainASecondLater() {
        driver.accept(false);
        driver.put(subject("u1"));
        driver.advanceTo(FIRST_DUE);
        assertThat(driver.refused()).isEqualTo(1);
        assertThat(driver.stored(KEY).getDueAt()).isEqualTo(FIRST_DUE.plusSeconds(1));

        driver.accept(true);
        driver.advance(Duration.ofSeconds(1));

        assertThat(driver.jobs()).singleElement()
                .satisfies(job -> assertThat(job.takenAt()).isEqualTo(FIRST_DUE.plusSeconds(1)));
    }

    @Test
    void nothingIsTakenWhileTheDispatchHasNoRoom() {
        driver.room(0);
        driver.put(subject("u1"));
        driver.advanceTo(FIRST_DUE);
        assertThat(driver.refused()).isZero();
        assertThat(driver.jobs()).isEmpty();

        driver.room(1);
        driver.advance(SCAN);

        assertThat(driver.jobs()).hasSize(1);
    }

    @Test
    void aNearlySpentRateLimitHoldsTheConnectionUntilItsReset() {
        CheckJob job = handOverARequestedCheck();
        Instant reset = driver.now().plus(INTERVAL);

        driver.finish(job, healthy(), Optional.of(new RateLimit(300, 30, reset)));
        driver.advance(SCAN);

        assertThat(driver.stored(KEY).getDueAt()).isEqualTo(reset);
    }

    @Test
    void aRateLimitWithMoreThanATenthLeftDoesNotHoldTheConnection() {
        CheckJob job = handOverARequestedCheck();
        Instant reset = driver.now().plus(INTERVAL);

        driver.finish(job, healthy(), Optional.of(new RateLimit(300, 31, reset)));
        driver.advance(SCAN);

        assertThat(driver.stored(KEY).getDueAt()).isEqualTo(driver.now().plus(AFTER_ANSWER));
    }

    /** u1 is known from T0; a minute later it is requested and handed over on the next scan. */
    private CheckJob handOverARequestedCheck() {
        driver.put(subject("u1"));
        driver.advance(Duration.ofMinutes(1));
        driver.request("u1");
        driver.advance(SCAN);
        assertThat(driver.jobs()).hasSize(1);
        return driver.lastJob();
    }
}
