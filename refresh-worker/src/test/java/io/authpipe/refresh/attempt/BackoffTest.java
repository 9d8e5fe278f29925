package io.authpipe.refresh.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), new Random(42));

    @Test
    void eachFailureDoublesTheDelayWithinHalfToFullOfIt() {
        for (int failures = 1; failures <= 5; failures++) {
            long full = 30_000L << (failures - 1);
            Instant retry = backoff.retryAt(failures, NOW);
            assertThat(Duration.between(NOW, retry).toMillis()).isBetween(full / 2, full);
        }
    }

    @Test
    void theDelayNeverExceedsTheCapHoweverManyFailures() {
        assertThat(backoff.retryAt(10_000, NOW)).isBeforeOrEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(backoff.retryAt(10_000, NOW)).isAfterOrEqualTo(NOW.plus(Duration.ofMinutes(30)));
    }

    @Test
    void connectionsFailingTogetherRetryAtDifferentTimes() {
        long distinct = IntStream.range(0, 100).mapToObj(i -> backoff.retryAt(3, NOW)).distinct().count();

        assertThat(distinct).isGreaterThan(90);
    }

    @Test
    void aServerGivenTimeIsHonouredAndSpreadByAtMostATenthOfTheWait() {
        Instant reset = NOW.plusSeconds(100);

        IntStream.range(0, 100).mapToObj(i -> backoff.notBefore(reset, NOW)).forEach(retry ->
                assertThat(retry).isBetween(reset, reset.plusSeconds(10)));
        assertThat(backoff.notBefore(NOW.minusSeconds(5), NOW)).isBetween(NOW, NOW.plusMillis(1));
    }
}
