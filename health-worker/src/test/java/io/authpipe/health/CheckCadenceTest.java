package io.authpipe.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** When a connection is checked, with literal instants and fixed random values. */
class CheckCadenceTest {
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final Duration INTERVAL = Duration.ofMinutes(30);
    static final Duration RETRY_BASE = Duration.ofMinutes(1);
    static final Duration MIN_GAP = Duration.ofSeconds(10);
    static final Duration IN_FLIGHT = Duration.ofMinutes(2);
    /** The largest value {@code Random.nextDouble} returns. */
    static final double JUST_BELOW_ONE = Math.nextDown(1.0);
    static final DoubleSupplier ZERO = () -> 0;
    static final DoubleSupplier HALF = () -> 0.5;
    static final DoubleSupplier TOP = () -> JUST_BELOW_ONE;

    CheckCadence cadence = new CheckCadence(INTERVAL, RETRY_BASE, MIN_GAP, IN_FLIGHT);

    @Test
    void aNewConnectionIsFirstCheckedBetweenHalfAndOneAndAHalfIntervals() {
        assertThat(cadence.first(NOW, ZERO)).isEqualTo(NOW.plus(INTERVAL.dividedBy(2)));
        assertThat(cadence.first(NOW, HALF)).isEqualTo(NOW.plus(INTERVAL));
        // The top of the range: 0.5 + nextDown(1.0) rounds to exactly 1.5 in double arithmetic.
        assertThat(cadence.first(NOW, TOP))
                .isBetween(NOW.plus(INTERVAL.multipliedBy(3).dividedBy(2)).minusMillis(1),
                        NOW.plus(INTERVAL.multipliedBy(3).dividedBy(2)));
    }

    @Test
    void afterAnAnswerTheNextCheckIsBetweenPointEightAndOnePointTwoIntervals() {
        assertThat(cadence.afterAnswer(NOW, ZERO)).isEqualTo(NOW.plus(INTERVAL.multipliedBy(8).dividedBy(10)));
        assertThat(cadence.afterAnswer(NOW, HALF)).isEqualTo(NOW.plus(INTERVAL));
        assertThat(cadence.afterAnswer(NOW, TOP))
                .isBetween(NOW.plus(INTERVAL.multipliedBy(12).dividedBy(10)).minusMillis(1),
                        NOW.plus(INTERVAL.multipliedBy(12).dividedBy(10)));
    }

    @Test
    void theFirstAmbiguousCheckIsRetriedAfterTheRetryBaseJittered() {
        assertThat(cadence.afterAmbiguous(NOW, 1, NOW, HALF)).isEqualTo(NOW.plus(RETRY_BASE));
        assertThat(cadence.afterAmbiguous(NOW, 1, NOW, ZERO))
                .isEqualTo(NOW.plus(RETRY_BASE.multipliedBy(8).dividedBy(10)));
        assertThat(cadence.afterAmbiguous(NOW, 1, NOW, TOP))
                .isBetween(NOW.plus(RETRY_BASE.multipliedBy(12).dividedBy(10)).minusMillis(1),
                        NOW.plus(RETRY_BASE.multipliedBy(12).dividedBy(10)));
    }

    @Test
    void eachAmbiguousCheckInARowDoublesTheWait() {
        assertThat(cadence.afterAmbiguous(NOW, 2, NOW, HALF)).isEqualTo(NOW.plus(RETRY_BASE.multipliedBy(2)));
        assertThat(cadence.afterAmbiguous(NOW, 3, NOW, HALF)).isEqualTo(NOW.plus(RETRY_BASE.multipliedBy(4)));
        assertThat(cadence.afterAmbiguous(NOW, 5, NOW, HALF)).isEqualTo(NOW.plus(RETRY_BASE.multipliedBy(16)));
    }

    @Test
    void theBackoffIsCappedAtTheInterval() {
        assertThat(cadence.afterAmbiguous(NOW, 6, NOW, HALF)).isEqualTo(NOW.plus(INTERVAL));
        assertThat(cadence.afterAmbiguous(NOW, 1_000, NOW, HALF)).isEqualTo(NOW.plus(INTERVAL));
        assertThat(cadence.afterAmbiguous(NOW, Integer.MAX_VALUE, NOW, ZERO))
                .isEqualTo(NOW.plus(INTERVAL.multipliedBy(8).dividedBy(10)));
    }

    @Test
    void aCountOfZeroBacksOffLikeTheFirst() {
        assertThat(cadence.afterAmbiguous(NOW, 0, NOW, HALF)).isEqualTo(NOW.plus(RETRY_BASE));
    }

    @Test
    void aLaterNotBeforeWinsOverTheBackoff() {
        Instant reset = NOW.plus(Duration.ofMinutes(5));

        assertThat(cadence.afterAmbiguous(NOW, 1, reset, HALF)).isEqualTo(reset);
    }

    @Test
    void anEarlierNotBeforeLeavesTheBackoff() {
        assertThat(cadence.afterAmbiguous(NOW, 1, NOW.plusSeconds(5), HALF)).isEqualTo(NOW.plus(RETRY_BASE));
    }

    @Test
    void aRequestedCheckOfAConnectionNeverCheckedIsDueNow() {
        assertThat(cadence.requested(NOW, null)).isEqualTo(NOW);
    }

    @Test
    void aRequestedCheckWaitsForTheMinimumGapSinceTheLastCheck() {
        assertThat(cadence.requested(NOW, NOW.minusSeconds(3))).isEqualTo(NOW.plusSeconds(7));
        assertThat(cadence.requested(NOW, NOW)).isEqualTo(NOW.plus(MIN_GAP));
    }

    @Test
    void aRequestedCheckAtOrPastTheMinimumGapIsDueNow() {
        assertThat(cadence.requested(NOW, NOW.minus(MIN_GAP))).isEqualTo(NOW);
        assertThat(cadence.requested(NOW, NOW.minus(Duration.ofHours(1)))).isEqualTo(NOW);
    }

    @Test
    void zeroDurationsAreRejected() {
        Duration zero = Duration.ZERO;

        assertThatThrownBy(() -> new CheckCadence(zero, RETRY_BASE, MIN_GAP, IN_FLIGHT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckCadence(INTERVAL, zero, MIN_GAP, IN_FLIGHT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckCadence(INTERVAL, RETRY_BASE, zero, IN_FLIGHT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckCadence(INTERVAL, RETRY_BASE, MIN_GAP, zero))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeDurationsAreRejected() {
        Duration negative = Duration.ofMillis(-1);

        assertThatThrownBy(() -> new CheckCadence(negative, RETRY_BASE, MIN_GAP, IN_FLIGHT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> new CheckCadence(INTERVAL, negative, MIN_GAP, IN_FLIGHT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckCadence(INTERVAL, RETRY_BASE, negative, IN_FLIGHT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckCadence(INTERVAL, RETRY_BASE, MIN_GAP, negative))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
