package io.authpipe.kafka.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The schedule's two stores, including when they disagree (state from an older version, or a crash between writes). */
class DueScheduleTest {
    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
    /** Entries are their own due time, in epoch millis. */
    final KeyValueStore<String, Long> entries = store(Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("entries"), Serdes.String(), Serdes.Long()).withLoggingDisabled().build());
    final KeyValueStore<Bytes, String> index = store(Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("index"), Serdes.Bytes(), Serdes.String()).withLoggingDisabled().build());
    final DueSchedule<Long> schedule = new DueSchedule<>(entries, index, Instant::ofEpochMilli);
    final List<String> taken = new ArrayList<>();

    @Test
    void takesWhatIsDueEarliestFirstUpToTheLimitAndLeavesTheRest() {
        schedule.schedule("c", at(30));
        schedule.schedule("a", at(10));
        schedule.schedule("b", at(10));
        schedule.schedule("later", at(90));

        assertThat(schedule.takeDue(T0.plusSeconds(30), 2, (key, entry) -> taken.add(key))).isEqualTo(2);
        schedule.takeDue(T0.plusSeconds(30), 10, (key, entry) -> taken.add(key));

        assertThat(taken).containsExactly("a", "b", "c");
        assertThat(schedule.get("later")).contains(at(90));
        assertThat(schedule.get("a")).isEmpty();
    }

    @Test
    void theEarliestDueTimeAfterAFloorIsReadFromTheIndex() {
        assertThat(schedule.earliestDueAfter(Instant.EPOCH)).isEmpty();
        schedule.schedule("urgent", Instant.EPOCH.toEpochMilli());
        schedule.schedule("b", at(20));
        schedule.schedule("a", at(-5));

        assertThat(schedule.earliestDueAfter(Instant.EPOCH)).contains(T0.minusSeconds(5));
        assertThat(schedule.earliestDueAfter(T0)).contains(T0.plusSeconds(20));
        assertThat(schedule.earliestDueAfter(T0.plusSeconds(20))).isEmpty();
    }

    @Test
    void reschedulingMovesTheOnlyIndexEntryAndCancellingRemovesBoth() {
        schedule.schedule("a", at(10));
        schedule.schedule("a", at(50));
        schedule.schedule("b", at(20));
        schedule.cancel("b");

        schedule.takeDue(T0.plusSeconds(40), 10, (key, entry) -> taken.add(key));
        assertThat(taken).isEmpty();
        assertThat(count(index)).isEqualTo(1);
        schedule.takeDue(T0.plusSeconds(50), 10, (key, entry) -> taken.add(key + "@" + entry));
        assertThat(taken).containsExactly("a@" + at(50));
    }

    @Test
    void entriesStoredBeforeTheIndexExistedAreIndexedAtStartAndTaken() {
        entries.put("a", at(10));
        entries.put("b", at(90));

        assertThat(schedule.rebuildIndexIfMissing()).isTrue();
        assertThat(schedule.rebuildIndexIfMissing()).isFalse();
        schedule.takeDue(T0.plusSeconds(10), 10, (key, entry) -> taken.add(key));
        assertThat(taken).containsExactly("a");
        assertThat(count(index)).isEqualTo(1);
    }

    @Test
    void anIndexEntryLeftFromAnOlderEntryIsDroppedWithoutBeingTaken() {
        schedule.schedule("a", at(10));
        index.put(DueIndexKey.of("a", T0.plusSeconds(5)), "a");

        int seen = schedule.takeDue(T0.plusSeconds(20), 10, (key, entry) -> taken.add(key + "@" + entry));

        assertThat(taken).containsExactly("a@" + at(10));
        assertThat(seen).isEqualTo(2);
        assertThat(count(index) + count(entries)).isZero();
    }

    private static Long at(int seconds) {
        return T0.plusSeconds(seconds).toEpochMilli();
    }

    private <S extends KeyValueStore<?, ?>> S store(S store) {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private static long count(KeyValueStore<?, ?> store) {
        try (var all = store.all()) {
            long n = 0;
            for (; all.hasNext(); all.next()) {
                n++;
            }
            return n;
        }
    }
}
