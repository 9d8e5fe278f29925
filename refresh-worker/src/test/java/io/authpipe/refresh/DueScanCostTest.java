package io.authpipe.refresh;

import static io.authpipe.refresh.TimerDriver.T0;
import static io.authpipe.refresh.TimerDriver.TICK;
import static io.authpipe.refresh.TimerDriver.timer;
import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.events.ExpiryTimer;
import io.authpipe.kafka.schedule.DueSchedule;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** A scan reads the due timers and not the waiting ones, however many wait. */
class DueScanCostTest {
    static final int WAITING = 50_000;

    final Map<String, CountingStore> counters = new HashMap<>();

    @Test
    void aScanReadsOnlyTheDueTimersNotTheFiftyThousandWaiting() {
        try (TimerDriver driver = TimerDriver.start(ScheduleSettings.DEFAULT_MAX_DUE_PER_TICK,
                name -> CountingStore.around(Stores.persistentKeyValueStore(name), s -> counters.put(name, s)))) {
            // Given 50,000 timers due tomorrow and three due in ten seconds
            DueSchedule<ExpiryTimer> stores = driver.stores();
            for (int i = 0; i < WAITING; i++) {
                ExpiryTimer waiting = timer("waiting-" + i, 1, T0.plus(Duration.ofDays(1)).plusMillis(i));
                stores.schedule(TimerDriver.keyOf(waiting), waiting);
            }
            for (int i = 0; i < 3; i++) {
                driver.put(timer("due-" + i, 1, T0.plusSeconds(10)));
            }
            counters.values().forEach(CountingStore::reset);

            // When nothing is due, then a scan dispatches nothing and reads nothing
            driver.advance(TICK);
            assertThat(driver.dispatched()).isEmpty();
            assertThat(iterated(RefreshTopology.DUE_INDEX_STORE) + iterated(RefreshTopology.TIMERS_STORE)).isZero();
            assertThat(lookups(RefreshTopology.TIMERS_STORE)).isZero();

            // When three are due, then a scan reads those three index entries and looks up their three timers twice
            // (once to take each, once to move it to the end of its lease)
            driver.advance(Duration.ofSeconds(9));
            assertThat(driver.labels()).containsExactly("acme:mastodon:due-0@1", "acme:mastodon:due-1@1",
                    "acme:mastodon:due-2@1");
            assertThat(iterated(RefreshTopology.DUE_INDEX_STORE)).isEqualTo(3);
            assertThat(iterated(RefreshTopology.TIMERS_STORE)).isZero();
            assertThat(lookups(RefreshTopology.TIMERS_STORE)).isEqualTo(6);

            // When the 50,000 come due, then they were there all along, and a scan takes its limit of them
            driver.advance(Duration.ofDays(1));
            assertThat(driver.dispatched()).hasSize(3 + ScheduleSettings.DEFAULT_MAX_DUE_PER_TICK);
        }
    }

    private long iterated(String store) {
        return counters.get(store).entriesIterated.get();
    }

    private long lookups(String store) {
        return counters.get(store).lookups.get();
    }
}
