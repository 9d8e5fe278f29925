package io.authpipe.refresh;

import io.authpipe.events.ExpiryTimer;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * refresh-worker's topology: {@code authpipe.expiry-timers} (compacted; a tombstone cancels) into a persistent timer
 * store, scanned by a wall-clock punctuator that hands due timers to a {@link DueRefresh}.
 */
public final class RefreshTopology {
    public static final String TIMERS_STORE = "refresh-timers";

    private RefreshTopology() {
    }

    public static Topology build(SchemaRegistry registry, DueRefresh dueRefresh, Duration scanInterval) {
        AvroSerde<ExpiryTimer> timers = AvroSerde.of(ExpiryTimer.class, registry);
        return new Topology()
                .addSource("expiry-timers-source", Serdes.String().deserializer(), timers.deserializer(),
                        Topics.EXPIRY_TIMERS)
                .addProcessor("timer-scheduler", () -> new TimerScheduler(dueRefresh, scanInterval),
                        "expiry-timers-source")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMERS_STORE),
                        Serdes.String(), timers), "timer-scheduler");
    }
}
