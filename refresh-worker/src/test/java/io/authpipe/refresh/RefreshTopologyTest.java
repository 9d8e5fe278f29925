package io.authpipe.refresh;

import static io.authpipe.refresh.TimerDriver.T0;
import static io.authpipe.refresh.TimerDriver.TICK;
import static io.authpipe.refresh.TimerDriver.timer;
import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.events.ConnectionRef;
import io.authpipe.events.ExpiryTimer;
import io.authpipe.events.Tenant;
import io.authpipe.events.WrappedKey;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The timer schedule, driven by {@link org.apache.kafka.streams.TopologyTestDriver}'s wall clock: no sleeping. */
class RefreshTopologyTest {
    TimerDriver driver = TimerDriver.start();

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aTimerIsDispatchedOnceWhenItComesDue() {
        driver.put(timer("u1", 1, T0.plusSeconds(30)));

        driver.advance(Duration.ofSeconds(20));
        assertThat(driver.labels()).isEmpty();
        driver.advance(Duration.ofSeconds(15));
        driver.advance(Duration.ofSeconds(15));

        assertThat(driver.labels()).containsExactly("acme:mastodon:u1@1");
    }

    @Test
    void aTimerIsDueAtItsDueTimeNotAMillisecondBefore() {
        driver.put(timer("u1", 1, T0.plusSeconds(10).plusMillis(1)));

        driver.advance(Duration.ofSeconds(10));
        assertThat(driver.labels()).isEmpty();
        driver.advance(TICK);

        assertThat(driver.dispatched()).singleElement()
                .satisfies(d -> assertThat(d.at()).isAfterOrEqualTo(d.timer().getDueAt()));
    }

    @Test
    void aNewerTimerReplacesTheOldOne() {
        driver.put(timer("u2", 1, T0.plusSeconds(10)));
        driver.put(timer("u2", 2, T0.plusSeconds(60)));

        driver.advance(Duration.ofSeconds(30));
        assertThat(driver.labels()).isEmpty();
        driver.advance(Duration.ofSeconds(31));

        assertThat(driver.labels()).containsExactly("acme:mastodon:u2@2");
    }

    @Test
    void aNewerTimerDueEarlierReplacesTheOldOne() {
        driver.put(timer("u2", 1, T0.plusSeconds(60)));
        driver.put(timer("u2", 2, T0.plusSeconds(10)));

        driver.advance(Duration.ofSeconds(11));
        assertThat(driver.labels()).containsExactly("acme:mastodon:u2@2");
        driver.advance(Duration.ofMinutes(5));

        assertThat(driver.labels()).containsExactly("acme:mastodon:u2@2");
    }

    @Test
    void aNewerTimerDueAtTheSameTimeReplacesTheOldOne() {
        driver.put(timer("u2", 1, T0.plusSeconds(10)));
        driver.put(timer("u2", 2, T0.plusSeconds(10)));

        driver.advance(Duration.ofMinutes(5));

        assertThat(driver.labels()).containsExactly("acme:mastodon:u2@2");
    }

    @Test
    void aTombstoneCancelsTheTimer() {
        driver.put(timer("u3", 1, T0.plusSeconds(10)));
        driver.cancel("acme:mastodon:u3");

        driver.advance(Duration.ofMinutes(5));

        assertThat(driver.labels()).isEmpty();
    }

    @Test
    void aTimerSetAfterItsDispatchIsDispatchedToo() {
        driver.put(timer("u4", 1, T0.plusSeconds(5)));
        driver.advance(Duration.ofSeconds(5));

        driver.put(timer("u4", 2, T0.plusSeconds(8)));
        driver.advance(Duration.ofSeconds(5));

        assertThat(driver.labels()).containsExactly("acme:mastodon:u4@1", "acme:mastodon:u4@2");
    }

    @Test
    void dueTimersAreDispatchedEarliestFirst() {
        driver.put(timer("late", 1, T0.plusSeconds(9)));
        driver.put(timer("overdue", 1, T0.minusSeconds(3600)));
        driver.put(timer("b-tie", 1, T0.plusSeconds(5)));
        driver.put(timer("a-tie", 1, T0.plusSeconds(5)));
        driver.put(timer("early", 1, T0.plusMillis(1)));

        driver.advance(Duration.ofSeconds(10));

        assertThat(driver.labels()).containsExactly("acme:mastodon:overdue@1", "acme:mastodon:early@1",
                "acme:mastodon:a-tie@1", "acme:mastodon:b-tie@1", "acme:mastodon:late@1");
    }

    @Test
    void aTickTakesAtMostItsLimitAndLeavesTheRestForTheNextTick() {
        driver.close();
        driver = TimerDriver.start(2);
        for (int i = 1; i <= 5; i++) {
            driver.put(timer("u" + i, 1, T0.plusSeconds(i)));
        }

        driver.advance(Duration.ofSeconds(10));
        assertThat(driver.labels()).containsExactly("acme:mastodon:u1@1", "acme:mastodon:u2@1");
        driver.advance(TICK);
        assertThat(driver.labels()).hasSize(4);
        driver.advance(TICK);
        driver.advance(TICK);

        assertThat(driver.labels()).containsExactly("acme:mastodon:u1@1", "acme:mastodon:u2@1",
                "acme:mastodon:u3@1", "acme:mastodon:u4@1", "acme:mastodon:u5@1");
    }

    @Test
    void aTimerThatCannotBeLeasedIsDroppedWithoutHoldingItsSlotOrStoppingTheScan() {
        // Given a tenant whose record breaks a rule (a data key id below 1), a timer of it, one due 150 million years
        // ago, and a good one
        Tenant broken = TimerDriver.tenant("broken");
        broken.setDataKeys(List.of(new WrappedKey(-5, "kek-broken", ByteBuffer.allocate(8))));
        driver.putTenant(broken);
        ExpiryTimer ofBroken = ExpiryTimer.newBuilder(timer("u1", 1, T0))
                .setConnection(new ConnectionRef("broken", "mastodon", "u1")).build();
        driver.put(ofBroken);
        driver.put(timer("u2", 1, Instant.ofEpochMilli(-4_967_725_919_621_401_576L)));
        driver.put(timer("u3", 1, T0));

        // When
        driver.advance(TICK);
        driver.advance(TICK);

        // Then
        assertThat(driver.released()).containsExactly("broken:mastodon:u1");
        assertThat(driver.jobs()).extracting(RefreshJob::connectionKey)
                .containsExactlyInAnyOrder("acme:mastodon:u2", "acme:mastodon:u3");
    }
}
