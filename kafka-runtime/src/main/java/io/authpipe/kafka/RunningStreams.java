package io.authpipe.kafka;

import io.authpipe.kafka.deadletter.GlobalDeadLetters;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A Kafka Streams application that was started and reached RUNNING: what a worker process holds on to.
 * {@link #close()} waits up to ten seconds for a clean shutdown (static members keep their partitions, so a restart
 * with the same instance id resumes without a rebalance). It owns the {@link GlobalDeadLetters} sender of the
 * application's global thread and closes it after the Streams instance.
 */
public final class RunningStreams implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaStreams streams;
    private final GlobalDeadLetters globalDeadLetters;

    private RunningStreams(KafkaStreams streams, GlobalDeadLetters globalDeadLetters) {
        this.streams = streams;
        this.globalDeadLetters = globalDeadLetters;
    }

    /** Starts {@code topology} with {@code settings} and waits for RUNNING (see {@link StreamsRunner}). */
    public static RunningStreams start(Topology topology, StreamsSettings settings, KafkaConnection connection) {
        return start(topology, settings, connection, Map.of());
    }

    /** Like {@link #start(Topology, StreamsSettings, KafkaConnection)}, with {@code overrides} on top of the config. */
    public static RunningStreams start(Topology topology, StreamsSettings settings, KafkaConnection connection,
                                       Map<String, Object> overrides) {
        Properties properties = settings.toProperties(connection);
        properties.putAll(overrides);
        GlobalDeadLetters globalDeadLetters = settings.globalDeadLetters(connection);
        properties.put(GlobalDeadLetters.CONFIG, globalDeadLetters);
        try {
            return new RunningStreams(StreamsRunner.startAndAwaitRunning(topology, properties, STARTUP_TIMEOUT),
                    globalDeadLetters);
        } catch (RuntimeException e) {
            globalDeadLetters.close();
            throw e;
        }
    }

    /** A read-only view of one of this instance's key-value stores (the partitions it owns). */
    public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()));
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(CLOSE_TIMEOUT);
        globalDeadLetters.close();
    }
}
