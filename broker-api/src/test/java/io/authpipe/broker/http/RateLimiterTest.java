package io.authpipe.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.config.RateLimit;
import io.authpipe.broker.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final MutableClock clock = MutableClock.frozenAt(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aBurstIsAdmittedThenTheCallerWaitsForTheRefill() {
        RateLimiter limiter = new RateLimiter(new RateLimit(2, 5), 100, clock);

        long admitted = IntStream.range(0, 8).filter(i -> limiter.tryAcquire("198.51.100.7").isEmpty()).count();

        assertThat(admitted).isEqualTo(5);
        assertThat(limiter.tryAcquire("198.51.100.7")).contains(clock.instant().plusMillis(500));
        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.tryAcquire("198.51.100.7")).isEmpty();
        assertThat(limiter.tryAcquire("198.51.100.7")).isPresent();
    }

    @Test
    void callersHaveSeparateBudgets() {
        RateLimiter limiter = new RateLimiter(new RateLimit(1, 1), 100, clock);

        assertThat(limiter.tryAcquire("tenant-a")).isEmpty();
        assertThat(limiter.tryAcquire("tenant-a")).isPresent();
        assertThat(limiter.tryAcquire("tenant-b")).isEmpty();
    }

    @Test
    void aQuietCallerGetsAtMostTheBurstBack() {
        RateLimiter limiter = new RateLimiter(new RateLimit(10, 3), 100, clock);
        IntStream.range(0, 3).forEach(i -> limiter.tryAcquire("k"));

        clock.advance(Duration.ofHours(1));

        assertThat(IntStream.range(0, 10).filter(i -> limiter.tryAcquire("k").isEmpty()).count()).isEqualTo(3);
    }

    @Test
    void aMillionInventedKeysKeepOnlyTheCapacityInMemory() {
        RateLimiter limiter = new RateLimiter(new RateLimit(1, 1), 1000, clock);

        IntStream.range(0, 1_000_000).forEach(i -> limiter.tryAcquire("203.0.113." + i));

        assertThat(limiter.tracked()).isEqualTo(1000);
    }

    @Test
    void unlimitedAdmitsEverything() {
        RateLimiter limiter = new RateLimiter(RateLimit.unlimited(), 10, clock);

        assertThat(IntStream.range(0, 10_000).allMatch(i -> limiter.tryAcquire("k").isEmpty())).isTrue();
        assertThat(limiter.tracked()).isZero();
    }
}
