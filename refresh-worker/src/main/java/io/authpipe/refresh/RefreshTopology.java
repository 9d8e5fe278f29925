package io.authpipe.refresh;

import io.authpipe.events.ExpiryTimer;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * refresh-worker's topology: {@code authpipe.expiry-timers} (compacted; a tombstone cancels) into two persistent
 * stores, {@value #TIMERS_STORE} (connection key to its current timer) and {@value #DUE_INDEX_STORE} (the same
 * timers keyed by due time; layout in {@link DueIndexKey}). A wall-clock punctuator range-scans the index up to
 * now and hands the due timers, earliest first, to a {@link DueRefresh}.
 */
public final class RefreshTopology {
    public static final String TIMERS_STORE = "refresh-timers";
    public static final String DUE_INDEX_STORE = "refresh-due-index";
    /** Due timers dispatched per punctuation at most, unless told otherwise; the rest wait for the next one. */
    public static final int DEFAULT_MAX_DUE_PER_TICK = 10_000;

    private RefreshTopology() {
    }

    /** As {@link #build(SchemaRegistry, DueRefresh, Duration, int)} with {@link #DEFAULT_MAX_DUE_PER_TICK}. */
    public static Topology build(SchemaRegistry registry, DueRefresh dueRefresh, Duration scanInterval) {
        return build(registry, dueRefresh, scanInterval, DEFAULT_MAX_DUE_PER_TICK);
    }

    /**
     * @param scanInterval  how often (wall-clock time) due timers are taken
     * @param maxDuePerTick at most this many due timers per scan, at least 1, so a backlog cannot hold the stream
     *                      thread; the rest are taken on the following scans
     */
    public static Topology build(SchemaRegistry registry, DueRefresh dueRefresh, Duration scanInterval,
                                 int maxDuePerTick) {
        return build(registry, dueRefresh, scanInterval, maxDuePerTick, Stores::persistentKeyValueStore);
    }

    /** With each store's byte layer from {@code stores} (given the store's name), so tests can observe it. */
    static Topology build(SchemaRegistry registry, DueRefresh dueRefresh, Duration scanInterval, int maxDuePerTick,
                          Function<String, KeyValueBytesStoreSupplier> stores) {
        if (maxDuePerTick < 1) {
            throw new IllegalArgumentException("maxDuePerTick must be at least 1, was " + maxDuePerTick);
        }
        AvroSerde<ExpiryTimer> timers = AvroSerde.of(ExpiryTimer.class, registry);
        return new Topology()
                .addSource("expiry-timers-source", Serdes.String().deserializer(), timers.deserializer(),
                        Topics.EXPIRY_TIMERS)
                .addProcessor("timer-scheduler", () -> new TimerScheduler(dueRefresh, scanInterval, maxDuePerTick),
                        "expiry-timers-source")
                .addStateStore(Stores.keyValueStoreBuilder(stores.apply(TIMERS_STORE), Serdes.String(), timers),
                        "timer-scheduler")
                .addStateStore(Stores.keyValueStoreBuilder(stores.apply(DUE_INDEX_STORE), Serdes.Bytes(),
                        Serdes.String()), "timer-scheduler");
    }
}
