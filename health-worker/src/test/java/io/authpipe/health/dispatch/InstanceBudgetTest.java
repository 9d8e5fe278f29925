package io.authpipe.health.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One instance's token bucket, with literal instants. */
class InstanceBudgetTest {
    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(5);

    /** 300 per 5 minutes: one a second, a burst of 10. */
    InstanceBudget budget = new InstanceBudget(300, WINDOW, T0);

    @Test
    void aThirtiethOfTheWindowsBudgetIsAvailableAtOnce() {
        assertThat(budget.available(T0)).isEqualTo(10);
        for (int i = 0; i < 10; i++) {
            assertThat(budget.tryTake(T0)).as("take %d", i + 1).isTrue();
        }

        assertThat(budget.tryTake(T0)).isFalse();
        assertThat(budget.available(T0)).isZero();
    }

    @Test
    void aSmallBudgetStillAllowsOneAtOnce() {
        InstanceBudget small = new InstanceBudget(20, WINDOW, T0);

        assertThat(small.available(T0)).isEqualTo(1);
        assertThat(small.tryTake(T0)).isTrue();
        assertThat(small.tryTake(T0)).isFalse();
    }

    @Test
    void itRefillsAtTheWindowsRate() {
        spendTheBurst(T0);

        assertThat(budget.tryTake(T0.plusMillis(999))).isFalse();
        assertThat(budget.tryTake(T0.plusSeconds(1))).isTrue();
        assertThat(budget.tryTake(T0.plusSeconds(1))).isFalse();
        assertThat(budget.available(T0.plusSeconds(6))).isEqualTo(5);
    }

    @Test
    void itRefillsNoFurtherThanTheBurst() {
        spendTheBurst(T0);

        assertThat(budget.available(T0.plus(WINDOW))).isEqualTo(10);
    }

    @Test
    void untilNextIsZeroWithOneLeftAndTheRefillTimeWithout() {
        assertThat(budget.untilNext(T0)).isZero();

        spendTheBurst(T0);

        assertThat(budget.untilNext(T0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(budget.untilNext(T0.plusMillis(400))).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void aPauseBlocksEverythingUntilItsEnd() {
        Instant until = T0.plusSeconds(30);

        budget.pauseUntil(until);

        assertThat(budget.tryTake(T0)).isFalse();
        assertThat(budget.untilNext(T0.plusSeconds(10))).isEqualTo(Duration.ofSeconds(20));
        assertThat(budget.available(until.minusMillis(1))).isZero();
        assertThat(budget.tryTake(until.minusMillis(1))).isFalse();
        assertThat(budget.tryTake(until)).isTrue();
    }

    @Test
    void anEarlierPauseDoesNotShortenALaterOne() {
        budget.pauseUntil(T0.plusSeconds(30));

        budget.pauseUntil(T0.plusSeconds(10));

        assertThat(budget.tryTake(T0.plusSeconds(20))).isFalse();
        assertThat(budget.untilNext(T0.plusSeconds(20))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void pacingSpreadsWhatIsLeftOverTheTimeToTheReset() {
        Instant reset = T0.plusSeconds(100);

        budget.paceUntil(reset, 10, T0);

        assertThat(budget.tryTake(T0)).isTrue();
        assertThat(budget.tryTake(T0)).isFalse();
        assertThat(budget.untilNext(T0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(budget.tryTake(T0.plusMillis(9_999))).isFalse();
        assertThat(budget.tryTake(T0.plusSeconds(10))).isTrue();
        assertThat(budget.untilNext(T0.plusSeconds(10))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void pacingLeavesAtMostOneInHandNotTheBurst() {
        budget.paceUntil(T0.plusSeconds(100), 10, T0);

        assertThat(budget.available(T0)).isEqualTo(1);
        assertThat(budget.available(T0.plusSeconds(50))).isEqualTo(1);
    }

    @Test
    void pacingNeverGoesFasterThanTheBudget() {
        budget.paceUntil(T0.plusSeconds(100), 1_000, T0);
        budget.tryTake(T0);

        assertThat(budget.untilNext(T0)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void pacingEndsAtTheReset() {
        Instant reset = T0.plusSeconds(100);
        budget.paceUntil(reset, 10, T0);
        budget.tryTake(T0);

        assertThat(budget.available(reset)).isEqualTo(10);
        spendTheBurst(reset);
        assertThat(budget.untilNext(reset)).isEqualTo(Duration.ofSeconds(1));
    }

    private void spendTheBurst(Instant at) {
        while (budget.tryTake(at)) {
            // taking
        }
    }
}
