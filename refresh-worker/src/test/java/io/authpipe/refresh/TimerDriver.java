package io.authpipe.refresh;

import io.authpipe.events.ConnectionRef;
import io.authpipe.records.ConnectionKeys;
import io.authpipe.events.EncryptedSecret;
import io.authpipe.events.ExpiryTimer;
import io.authpipe.kafka.schedule.DueSchedule;
import io.authpipe.events.Tenant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
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
 * {@link #T0} and scanning every {@link #TICK}, with tenant {@code acme} in the global tenants store. Its dispatch
 * admits everything (unless told otherwise) and records every timer taken ({@link #dispatched()}) and every job handed
 * over after the lease's commit ({@link #jobs()}); a test completes jobs itself. Advancing by a tick or more fires
 * exactly one scan. Leases last a day unless a test sets them.
 */
final class TimerDriver implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    static final Duration TICK = Duration.ofSeconds(1);

    /** One refresh handed to the dispatch, with the wall-clock time it happened at. */
    record Dispatch(String key, ExpiryTimer timer, Instant at) {
        String label() {
            return key + "@" + timer.getVersion();
        }
    }

    private final List<Dispatch> dispatched = new ArrayList<>();
    private final List<RefreshJob> jobs = new ArrayList<>();
    private final List<Completion.Issued> orphansRevoked = new ArrayList<>();
    private boolean admitting = true;
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, ExpiryTimer> input;
    private final TestInputTopic<String, Tenant> tenants;
    private final List<String> released = new ArrayList<>();
    private Instant now = T0;

    private TimerDriver(ScheduleSettings settings, Function<String, KeyValueBytesStoreSupplier> stores)
            throws IOException {
        stateDir = Files.createTempDirectory("refresh-topology");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "refresh-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(RefreshTopology.build(SchemaRegistry.none(), new Recording(), settings,
                new RefreshMetrics(new SimpleMeterRegistry()), stores), props, T0);
        input = driver.createInputTopic(Topics.EXPIRY_TIMERS, Serdes.String().serializer(),
                AvroSerde.of(ExpiryTimer.class, SchemaRegistry.none()).serializer());
        tenants = driver.createInputTopic(Topics.TENANTS, Serdes.String().serializer(),
                AvroSerde.of(Tenant.class, SchemaRegistry.none()).serializer());
        tenants.pipeInput("acme", tenant("acme"));
    }

    /** The executor's part, recorded. */
    private final class Recording implements RefreshDispatch {
        @Override
        public int freeSlots() {
            return Integer.MAX_VALUE;
        }

        @Override
        public boolean reserve(String connectionKey, ExpiryTimer timer, Instant at) {
            if (admitting) {
                dispatched.add(new Dispatch(connectionKey, timer, now));
            }
            return admitting;
        }

        @Override
        public void release(String connectionKey, ExpiryTimer timer) {
            released.add(connectionKey);
        }

        @Override
        public void submit(RefreshJob job) {
            jobs.add(job);
        }

        @Override
        public void revokeOrphan(Completion.Issued issued) {
            orphansRevoked.add(issued);
        }
    }

    static Tenant tenant(String id) {
        return Tenant.newBuilder().setTenantId(id).setDisplayName(id).setApiKeyHash(ByteBuffer.allocate(32))
                .setReturnUrls(List.of()).setDataKeys(List.of()).setKeks(List.of("kek-" + id)).setKeyRotation(null)
                .setCreatedAt(T0).build();
    }

    static TimerDriver start() {
        return start(ScheduleSettings.DEFAULT_MAX_DUE_PER_TICK);
    }

    static TimerDriver start(int maxDuePerTick) {
        return start(maxDuePerTick, Stores::persistentKeyValueStore);
    }

    static TimerDriver start(int maxDuePerTick, Function<String, KeyValueBytesStoreSupplier> stores) {
        return start(settings().withMaxDuePerTick(maxDuePerTick), stores);
    }

    static ScheduleSettings settings() {
        return new ScheduleSettings(TICK, ScheduleSettings.DEFAULT_MAX_DUE_PER_TICK, Duration.ofDays(1),
                Duration.ofSeconds(2));
    }

    static TimerDriver start(ScheduleSettings settings, Function<String, KeyValueBytesStoreSupplier> stores) {
        try {
            return new TimerDriver(settings, stores);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A timer for {@code acme:mastodon:<user>} at the sandbox-like instance, expiring five minutes after it is due. */
    static ExpiryTimer timer(String user, long version, Instant dueAt) {
        return ExpiryTimer.newBuilder().setConnection(new ConnectionRef("acme", "mastodon", user)).setVersion(version)
                .setDueAt(dueAt).setExpiresAt(dueAt.plusSeconds(300)).setInstance("https://social.example")
                .setAppRef("acme:social.example:read").setAccessToken(sealed("access")).setRefreshToken(
                        sealed("refresh")).build();
    }

    private static EncryptedSecret sealed(String marker) {
        return new EncryptedSecret(ByteBuffer.wrap(marker.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Stops (or resumes) admitting refreshes, as a full executor or a busy instance would. */
    void admit(boolean admit) {
        admitting = admit;
    }

    /** The connections whose reservation was given back, in order. */
    List<String> released() {
        return List.copyOf(released);
    }

    void putTenant(Tenant tenant) {
        tenants.pipeInput(tenant.getTenantId(), tenant);
    }

    /** Tokens of refreshes whose connection was gone, handed over for revocation, in order. */
    List<Completion.Issued> orphansRevoked() {
        return List.copyOf(orphansRevoked);
    }

    /** Jobs handed to the executor, in order. */
    List<RefreshJob> jobs() {
        return List.copyOf(jobs);
    }

    /** The lease of a connection, if it has one. */
    io.authpipe.events.RefreshLease lease(String key) {
        return driver.<String, io.authpipe.events.RefreshLease>getKeyValueStore(RefreshTopology.LEASES_STORE).get(key);
    }

    /** The connection's timer as stored. */
    ExpiryTimer stored(String key) {
        return driver.<String, ExpiryTimer>getKeyValueStore(RefreshTopology.TIMERS_STORE).get(key);
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
    DueSchedule<ExpiryTimer> stores() {
        return new DueSchedule<>(driver.getKeyValueStore(RefreshTopology.TIMERS_STORE),
                driver.getKeyValueStore(RefreshTopology.DUE_INDEX_STORE), ExpiryTimer::getDueAt);
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
        return ConnectionKeys.kafkaKey(timer.getConnection());
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
