package io.authpipe.refresh;

import io.authpipe.events.ConnectionRef;
import io.authpipe.events.ExpiryTimer;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * refresh-worker's topology in a {@link TopologyTestDriver} on a private state directory, its wall clock starting at
 * {@link #T0} and scanning every {@link #TICK}; it records every dispatch. Advancing by a tick or more fires exactly
 * one scan.
 */
final class TimerDriver implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    static final Duration TICK = Duration.ofSeconds(1);

    /** One call of {@link DueRefresh#due}, with the wall-clock time it happened at. */
    record Dispatch(String key, ExpiryTimer timer, Instant at) {
        String label() {
            return key + "@" + timer.getVersion();
        }
    }

    private final List<Dispatch> dispatched = new ArrayList<>();
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, ExpiryTimer> input;
    private Instant now = T0;

    private TimerDriver(int maxDuePerTick, Function<String, KeyValueBytesStoreSupplier> stores) throws IOException {
        stateDir = Files.createTempDirectory("refresh-topology");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "refresh-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        DueRefresh record = (key, timer) -> dispatched.add(new Dispatch(key, timer, now));
        driver = new TopologyTestDriver(RefreshTopology.build(SchemaRegistry.none(), record, TICK, maxDuePerTick,
                stores), props, T0);
        input = driver.createInputTopic(Topics.EXPIRY_TIMERS, Serdes.String().serializer(),
                AvroSerde.of(ExpiryTimer.class, SchemaRegistry.none()).serializer());
    }

    static TimerDriver start() {
        return start(RefreshTopology.DEFAULT_MAX_DUE_PER_TICK);
    }

    static TimerDriver start(int maxDuePerTick) {
        return start(maxDuePerTick, Stores::persistentKeyValueStore);
    }

    static TimerDriver start(int maxDuePerTick, Function<String, KeyValueBytesStoreSupplier> stores) {
        try {
            return new TimerDriver(maxDuePerTick, stores);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A timer for {@code acme:mastodon:<user>}, expiring five minutes after it is due. */
    static ExpiryTimer timer(String user, long version, Instant dueAt) {
        return new ExpiryTimer(new ConnectionRef("acme", "mastodon", user), version, dueAt, dueAt.plusSeconds(300));
    }

    void put(ExpiryTimer timer) {
        input.pipeInput(keyOf(timer), timer);
    }

    void put(String key, ExpiryTimer timer) {
        input.pipeInput(key, timer);
    }

    /**
     * The topology's stores, written directly as the processor writes them: to load many timers fast, because the
     * driver commits (and RocksDB flushes) after every piped record.
     */
    DueTimers stores() {
        return new DueTimers(driver.getKeyValueStore(RefreshTopology.TIMERS_STORE),
                driver.getKeyValueStore(RefreshTopology.DUE_INDEX_STORE));
    }

    void cancel(String key) {
        input.pipeInput(key, (ExpiryTimer) null);
    }

    void advance(Duration by) {
        now = now.plus(by);
        driver.advanceWallClockTime(by);
    }

    Instant now() {
        return now;
    }

    List<Dispatch> dispatched() {
        return List.copyOf(dispatched);
    }

    List<String> labels() {
        return dispatched.stream().map(Dispatch::label).toList();
    }

    static String keyOf(ExpiryTimer timer) {
        ConnectionRef ref = timer.getConnection();
        return ref.getTenantId() + ":" + ref.getProvider() + ":" + ref.getUserId();
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
