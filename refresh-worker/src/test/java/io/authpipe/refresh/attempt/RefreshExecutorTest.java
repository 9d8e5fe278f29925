package io.authpipe.refresh.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.events.ConnectionRef;
import io.authpipe.events.ExpiryTimer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The executor's admission rules: bounded, one per connection, a share per instance, none to a paused instance. */
class RefreshExecutorTest {
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    final HostPauses pauses = new HostPauses();
    final RefreshExecutor executor = new RefreshExecutor(3, 2, null, pauses, Duration.ofSeconds(1));

    @AfterEach
    void close() {
        executor.close();
    }

    @Test
    void atMostOneRefreshPerConnection() {
        assertThat(executor.reserve("c1", timer("a.example"), NOW)).isTrue();
        assertThat(executor.reserve("c1", timer("a.example"), NOW)).isFalse();

        executor.release("c1", timer("a.example"));
        assertThat(executor.reserve("c1", timer("a.example"), NOW)).isTrue();
    }

    @Test
    void eachInstanceGetsItsShareAndTheExecutorIsBounded() {
        assertThat(executor.reserve("c1", timer("a.example"), NOW)).isTrue();
        assertThat(executor.reserve("c2", timer("a.example"), NOW)).isTrue();
        assertThat(executor.reserve("c3", timer("a.example"), NOW)).isFalse();
        assertThat(executor.reserve("c4", timer("b.example"), NOW)).isTrue();
        assertThat(executor.reserve("c5", timer("c.example"), NOW)).isFalse();

        assertThat(executor.freeSlots()).isZero();
        assertThat(executor.inFlight()).isEqualTo(3);
    }

    @Test
    void anInstanceThatThrottledUsGetsNothingUntilItsResetTime() {
        pauses.pause("a.example", NOW.plusSeconds(30));

        assertThat(executor.reserve("c1", timer("a.example"), NOW.plusSeconds(29))).isFalse();
        assertThat(executor.reserve("c2", timer("b.example"), NOW)).isTrue();
        assertThat(executor.reserve("c1", timer("a.example"), NOW.plusSeconds(30))).isTrue();
    }

    private static ExpiryTimer timer(String host) {
        return ExpiryTimer.newBuilder().setConnection(new ConnectionRef("acme", "mastodon", "u"))
                .setVersion(1).setDueAt(NOW).setExpiresAt(NOW).setInstance("https://" + host).build();
    }
}
