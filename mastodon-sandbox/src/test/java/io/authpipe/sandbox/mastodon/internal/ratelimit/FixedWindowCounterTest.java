package io.authpipe.sandbox.mastodon.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Counting per epoch-aligned window, and dropping stale windows once per window, not on every request. */
class FixedWindowCounterTest {
    static final Throttle PER_TOKEN = new Throttle("throttle_per_token_api", 300, Duration.ofMinutes(5));
    static final Instant WINDOW_START = Instant.parse("2026-11-26T12:00:00Z");

    final FixedWindowCounter counter = new FixedWindowCounter();

    @Test
    void eachWindowCountsFromOne() {
        assertThat(counter.hit(PER_TOKEN, "t1", WINDOW_START).count()).isEqualTo(1);
        assertThat(counter.hit(PER_TOKEN, "t1", WINDOW_START.plusSeconds(299)).count()).isEqualTo(2);
        assertThat(counter.hit(PER_TOKEN, "t1", WINDOW_START.plusSeconds(300)).count()).isEqualTo(1);
    }

    @Test
    void aLargeTableDropsItsStaleWindowsWhenTheNextWindowBeginsAndKeepsTheCurrentOnes() {
        for (int token = 0; token < 10_001; token++) {
            counter.hit(PER_TOKEN, "old-" + token, WINDOW_START);
        }
        Instant next = WINDOW_START.plus(PER_TOKEN.period());
        for (int token = 0; token < 10_001; token++) {
            counter.hit(PER_TOKEN, "new-" + token, next);
        }

        assertThat(counter.size()).isEqualTo(10_001);
        assertThat(counter.hit(PER_TOKEN, "new-0", next).count()).isEqualTo(2);
    }
}
