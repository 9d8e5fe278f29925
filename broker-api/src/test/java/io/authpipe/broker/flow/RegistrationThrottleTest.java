package io.authpipe.broker.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RegistrationThrottleTest {
    static final Instant WINDOW_START = Instant.parse("2026-11-26T12:00:00Z");
    final RegistrationThrottle throttle = new RegistrationThrottle(5, Duration.ofMinutes(10));

    @Test
    void fivePermitsPerInstanceAndWindowThenTheNextWindowStart() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.tryAcquire("mastodon.social", WINDOW_START.plusSeconds(i))).isEmpty();
        }

        assertThat(throttle.tryAcquire("mastodon.social", WINDOW_START.plusSeconds(30)))
                .contains(WINDOW_START.plus(Duration.ofMinutes(10)));
        assertThat(throttle.tryAcquire("other.example", WINDOW_START.plusSeconds(30))).isEmpty();
    }

    @Test
    void windowsAreAlignedToTheEpochLikeRackAttack() {
        Instant lateInWindow = WINDOW_START.plus(Duration.ofMinutes(9));
        for (int i = 0; i < 5; i++) {
            throttle.tryAcquire("mastodon.social", lateInWindow);
        }

        assertThat(throttle.tryAcquire("mastodon.social", WINDOW_START.plus(Duration.ofMinutes(10)))).isEmpty();
    }

    @Test
    void aServers429BlocksUntilItsReset() {
        Instant reset = WINDOW_START.plus(Duration.ofMinutes(7));
        throttle.blockUntil("mastodon.social", reset);

        assertThat(throttle.tryAcquire("mastodon.social", WINDOW_START.plusSeconds(1))).contains(reset);
        assertThat(throttle.tryAcquire("mastodon.social", reset)).isEmpty();
    }
}
