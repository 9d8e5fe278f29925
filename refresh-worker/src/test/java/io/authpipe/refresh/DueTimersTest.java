package io.authpipe.refresh;

import static io.authpipe.refresh.TimerDriver.T0;
import static io.authpipe.refresh.TimerDriver.timer;
import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.events.ExpiryTimer;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** Stores that disagree, as state from an older version or a crash between the two stores' writes leaves them. */
class DueTimersTest {
    final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
    final KeyValueStore<String, ExpiryTimer> timers = store(Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(RefreshTopology.TIMERS_STORE), Serdes.String(),
            AvroSerde.of(ExpiryTimer.class, SchemaRegistry.none())).withLoggingDisabled().build());
    final KeyValueStore<Bytes, String> index = store(Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(RefreshTopology.DUE_INDEX_STORE), Serdes.Bytes(), Serdes.String())
            .withLoggingDisabled().build());
    final List<String> dispatched = new ArrayList<>();

    @Test
    void timersStoredBeforeTheIndexExistedAreIndexedAtStartAndDispatched() {
        timers.put("acme:mastodon:u1", timer("u1", 1, T0.plusSeconds(10)));
        timers.put("acme:mastodon:u2", timer("u2", 1, T0.plusSeconds(90)));

        DueTimers due = new DueTimers(timers, index);

        assertThat(due.rebuildIndexIfMissing()).isTrue();
        assertThat(due.rebuildIndexIfMissing()).isFalse();
        due.takeDue(T0.plusSeconds(10), 10, (key, timer) -> dispatched.add(key));
        assertThat(dispatched).containsExactly("acme:mastodon:u1");
        assertThat(count(index)).isEqualTo(1);
    }

    @Test
    void anIndexEntryLeftFromAnOlderTimerIsDroppedWithoutDispatch() {
        DueTimers due = new DueTimers(timers, index);
        due.schedule("acme:mastodon:u1", timer("u1", 2, T0.plusSeconds(10)));
        index.put(DueIndexKey.of("acme:mastodon:u1", T0.plusSeconds(5)), "acme:mastodon:u1");

        int taken = due.takeDue(T0.plusSeconds(20), 10, (key, timer) -> dispatched.add(key + "@" + timer.getVersion()));

        assertThat(dispatched).containsExactly("acme:mastodon:u1@2");
        assertThat(taken).isEqualTo(2);
        assertThat(count(index) + count(timers)).isZero();
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
