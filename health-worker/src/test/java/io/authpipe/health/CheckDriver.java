package io.authpipe.health;

import io.authpipe.broker.testing.MutableClock;
import io.authpipe.events.CheckEvidence;
import io.authpipe.events.CheckOutcome;
import io.authpipe.events.CheckReason;
import io.authpipe.events.CheckReply;
import io.authpipe.events.CheckRequest;
import io.authpipe.events.CheckSubject;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.EncryptedSecret;
import io.authpipe.events.ScheduledCheck;
import io.authpipe.core.config.RequestMode;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.Tenant;
import io.authpipe.events.TenantSecret;
import io.authpipe.events.TenantSecretKind;
import io.authpipe.records.SealedBytes;
import io.authpipe.records.SignedRecords;
import io.authpipe.records.TenantSecretRecords;
import io.authpipe.health.check.CheckClassifier;
import io.authpipe.health.check.CheckDispatch;
import io.authpipe.health.check.CheckDone;
import io.authpipe.health.check.CheckJob;
import io.authpipe.health.check.CheckResult;
import io.authpipe.health.dispatch.DispatchSettings;
import io.authpipe.kafka.deadletter.DeadLetterProcessingHandler;
import io.authpipe.mastodon.RateLimit;
import io.authpipe.mastodon.VerifyOutcome;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import io.authpipe.vault.kms.KmsSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * health-worker's topology in a {@link TopologyTestDriver} on a private state directory. The driver's wall clock and
 * the scheduler's injected clock start at {@link #T0} and move together ({@link #advance}); the schedule scans every
 * {@link #SCAN}, and advancing by a scan or more fires exactly one scan. Tenant {@code acme} is in the global tenants
 * store; the random factor is {@link #RANDOM} unless a test sets another. The dispatch accepts everything (unless
 * told otherwise) and records every job it accepts ({@link #jobs()}); a test finishes a job itself through its
 * {@code onDone}, which takes effect on the next scan.
 */
final class CheckDriver implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    static final Duration SCAN = Duration.ofSeconds(1);
    static final Duration INTERVAL = Duration.ofMinutes(30);
    static final Duration RETRY_BASE = Duration.ofMinutes(1);
    static final Duration MIN_GAP = Duration.ofSeconds(10);
    static final Duration IN_FLIGHT_TIMEOUT = Duration.ofMinutes(2);
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);
    static final double RANDOM = 0.25;
    static final String TENANT = "acme";
    static final String INSTANCE = "https://social.example";
    /** acme's producer signing key; the driver's tenants hold no real keys, so it is stored "sealed" as itself. */
    static final String KEY_ID = "pk_driver";
    static final Secret PRODUCER_KEY = Secret.of("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8");
    private static final ProducerKeyOpener PLAIN_KEYS = (keys, binding, sealed) -> Secret.ofUtf8(sealed);

    private static final SchemaRegistry NO_REGISTRY = SchemaRegistry.none();

    private final MutableClock clock = MutableClock.frozenAt(T0);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<CheckJob> jobs = new ArrayList<>();
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, CheckSubject> subjects;
    private final TestInputTopic<String, byte[]> requests;
    private final TestInputTopic<String, Tenant> tenants;
    private final TestOutputTopic<String, CheckReply> replies;
    private final TestOutputTopic<String, byte[]> deadLetters;
    private double random = RANDOM;
    private int room = Integer.MAX_VALUE;
    private boolean accepting = true;
    private int refused;

    private CheckDriver() throws IOException {
        stateDir = Files.createTempDirectory("health-topology");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "health-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTERS);
        driver = new TopologyTestDriver(HealthTopology.build(NO_REGISTRY, new Recording(), settings(stateDir),
                new HealthMetrics(meters), PLAIN_KEYS, clock, () -> random), props, T0);
        subjects = driver.createInputTopic(Topics.CHECK_SUBJECTS, Serdes.String().serializer(),
                AvroSerde.of(CheckSubject.class, NO_REGISTRY).serializer());
        requests = driver.createInputTopic(Topics.CHECK_REQUESTS, Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        tenants = driver.createInputTopic(Topics.TENANTS, Serdes.String().serializer(),
                AvroSerde.of(Tenant.class, NO_REGISTRY).serializer());
        replies = driver.createOutputTopic(Topics.CHECK_REPLIES, Serdes.String().deserializer(),
                AvroSerde.of(CheckReply.class, NO_REGISTRY).deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS, Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        tenants.pipeInput(TENANT, tenant(TENANT));
        driver.createInputTopic(Topics.TENANT_SECRETS, Serdes.String().serializer(),
                AvroSerde.of(TenantSecret.class, NO_REGISTRY).serializer()).pipeInput(
                TENANT + ":" + TenantSecretRecords.PRODUCER_SIGNING_KEY + ":" + KEY_ID, TenantSecret.newBuilder()
                        .setTenantId(TENANT).setKind(TenantSecretKind.PRODUCER_SIGNING_KEY).setName(KEY_ID)
                        .setSecret(SealedBytes.wrap(PRODUCER_KEY.utf8())).setUpdatedAt(T0).build());
    }

    static CheckDriver start() {
        try {
            return new CheckDriver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HealthSettings settings(Path stateDir) {
        return new HealthSettings("unused:9092", Optional.empty(), "health-test", "health-1", stateDir,
                new CheckCadence(INTERVAL, RETRY_BASE, MIN_GAP, IN_FLIGHT_TIMEOUT), SCAN, DispatchSettings.defaults(),
                new KmsSettings.LocalKeyFile(stateDir.resolve("master.key")), List.of(), "Authpipe-test",
                Duration.ofSeconds(10), Optional.empty(), EXPIRY_MARGIN, 0, RequestMode.SIGNED);
    }

    /** The executor's part: takes what it is offered, unless a test made it full. */
    private final class Recording implements CheckDispatch {
        @Override
        public int room() {
            return room;
        }

        @Override
        public boolean offer(CheckJob job) {
            if (!accepting) {
                refused++;
                return false;
            }
            jobs.add(job);
            return true;
        }
    }

    static Tenant tenant(String id) {
        return Tenant.newBuilder().setTenantId(id).setDisplayName(id).setApiKeyHash(ByteBuffer.allocate(32))
                .setReturnUrls(List.of()).setDataKeys(List.of()).setKeks(List.of("kek-" + id)).setKeyRotation(null)
                .setCreatedAt(T0).build();
    }

    /** {@code acme:mastodon:<user>} at version 1, active, on {@link #INSTANCE}. */
    static CheckSubject subject(String user) {
        return subject(TENANT, user, 1);
    }

    static CheckSubject subject(String tenant, String user, long version) {
        return CheckSubject.newBuilder().setConnection(new ConnectionRef(tenant, "mastodon", user))
                .setVersion(version).setStatus(ConnectionStatus.ACTIVE).setInstance(INSTANCE)
                .setAccessToken(new EncryptedSecret(ByteBuffer.wrap("sealed".getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    /** {@code acme:mastodon:<user>} at {@code version}, its token expiring at {@code expiresAt}, refresh due then. */
    static CheckSubject expiring(String user, long version, Instant expiresAt, Instant refreshDueAt) {
        CheckSubject subject = subject(TENANT, user, version);
        subject.setExpiresAt(expiresAt);
        subject.setRefreshDueAt(refreshDueAt);
        return subject;
    }

    static String key(String user) {
        return TENANT + ":mastodon:" + user;
    }

    static CheckRequest request(String user, Instant requestedAt) {
        return CheckRequest.newBuilder().setConnection(new ConnectionRef(TENANT, "mastodon", user))
                .setRequestedAt(requestedAt).setReason(CheckReason.TOKEN_REFUSED).setReportedStatus(401).build();
    }

    /** {@code request} signed with acme's producer key at its {@code requestedAt}. */
    static CheckRequest signed(CheckRequest request) {
        return SignedRecords.sign(request, KEY_ID, PRODUCER_KEY, request.getRequestedAt());
    }

    static byte[] bytes(CheckRequest request) {
        return AvroSerde.of(CheckRequest.class, NO_REGISTRY).serialize(Topics.CHECK_REQUESTS, request);
    }

    static CheckResult healthy() {
        return new CheckResult(CheckOutcome.HEALTHY, new CheckEvidence(200, null), Optional.empty(),
                Optional.empty());
    }

    static CheckResult unavailable() {
        return CheckClassifier.unavailable();
    }

    static CheckResult rateLimited(Instant until) {
        return CheckClassifier.classify(new VerifyOutcome.Throttled(until));
    }

    /** The vault's newest view of the connection, keyed as the vault keys it. */
    void put(CheckSubject subject) {
        ConnectionRef ref = subject.getConnection();
        subjects.pipeInput(ref.getTenantId() + ":" + ref.getProvider() + ":" + ref.getUserId(), subject);
    }

    /** The vault's tombstone: the connection no longer holds a token. */
    void end(String key) {
        subjects.pipeInput(key, (CheckSubject) null);
    }

    /** A consumer asks for a check of {@code acme:mastodon:<user>} now. */
    void request(String user) {
        requests.pipeInput(key(user), bytes(signed(request(user, now()))));
    }

    /** Whatever another service wrote to {@code authpipe.check-requests}. */
    void requestRaw(String key, byte[] value, Headers headers) {
        requests.pipeInput(new TestRecord<>(key, value, headers, now()));
    }

    List<TestRecord<String, CheckReply>> replies() {
        return replies.readRecordsToList();
    }

    List<TestRecord<String, byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    /** Ends {@code job} as the executor would, now: with {@code result} and the instance's rate limit, if any. */
    void finish(CheckJob job, CheckResult result, Optional<RateLimit> rateLimit) {
        job.onDone().accept(new CheckDone(job.connectionKey(), job.version(), Optional.of(result), rateLimit,
                job.takenAt(), now()));
    }

    void finish(CheckJob job, CheckResult result) {
        finish(job, result, Optional.empty());
    }

    /** The connection's schedule entry as stored. */
    ScheduledCheck stored(String key) {
        return driver.<String, ScheduledCheck>getKeyValueStore(HealthTopology.CHECKS_STORE).get(key);
    }

    void advance(Duration by) {
        clock.advance(by);
        driver.advanceWallClockTime(by);
    }

    /** Advances to {@code at}, in one step. */
    void advanceTo(Instant at) {
        advance(Duration.between(now(), at));
    }

    Instant now() {
        return clock.instant();
    }

    void random(double value) {
        random = value;
    }

    /** Stops (or resumes) accepting checks, as a full executor would. */
    void accept(boolean accept) {
        accepting = accept;
    }

    void room(int checks) {
        room = checks;
    }

    int refused() {
        return refused;
    }

    List<CheckJob> jobs() {
        return List.copyOf(jobs);
    }

    CheckJob lastJob() {
        return jobs.get(jobs.size() - 1);
    }

    double count(String meter) {
        Counter counter = meters.find(meter).counter();
        return counter == null ? 0 : counter.count();
    }

    /** How many checks ended with {@code outcome} ({@code authpipe.health.checks}). */
    double checks(String outcome) {
        Counter counter = meters.find("authpipe.health.checks").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
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
