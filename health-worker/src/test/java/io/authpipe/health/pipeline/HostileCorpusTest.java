package io.authpipe.health.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.HostileCorpus;
import io.authpipe.broker.testing.HostileCorpus.Hostile;
import io.authpipe.broker.testing.HostileCorpus.KeyRule;
import io.authpipe.broker.testing.HostileCorpus.Kind;
import io.authpipe.broker.testing.StateSecret;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.broker.testing.TopicProbe;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.AppRegistration;
import io.authpipe.events.CheckReason;
import io.authpipe.events.CheckRequest;
import io.authpipe.events.CheckSubject;
import io.authpipe.events.ConnectReply;
import io.authpipe.events.ConnectRequest;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.ExpiryTimer;
import io.authpipe.events.ConnectSession;
import io.authpipe.events.PendingAuthorization;
import io.authpipe.events.Tenant;
import io.authpipe.events.TenantSecret;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.KafkaConnection;
import io.authpipe.kafka.deadletter.DeadLetter;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every Streams application of the pipeline (vault, connect, refresh-worker, health-worker) survives a hostile corpus
 * on every one of its input topics: random well-formed records of each topic's schema, plausible ones that reach the
 * processors' rules, truncated, 2 GiB-declaring, garbage, unknown-schema, null and wrongly keyed records. Then every
 * application is RUNNING, {@code /health} answers 200, each record that cannot be handled is on
 * {@code authpipe.dead-letters} once per application that read it, with the documented headers (its source topic,
 * partition and offset, the exception class and the reason; every application has some), and a connection still connects,
 * refreshes, is checked and is read; and the same after every application restarts on that data, with its local
 * state and without (its stores restored from Kafka).
 *
 * <p>{@code -Dauthpipe.corpus.perKind=N} (default 15: 105 to 120 records a topic) and
 * {@code -Dauthpipe.corpus.seed=S} size and replay it.
 */
@ExtendWith(KafkaBrokerExtension.class)
class HostileCorpusTest {
    private static final Logger LOG = LoggerFactory.getLogger(HostileCorpusTest.class);
    private static final int PER_KIND = Integer.getInteger("authpipe.corpus.perKind", 15);
    private static final long SEED = Long.getLong("authpipe.corpus.seed", 20_261_126L);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final AvroSerde<ConnectRequest> REQUESTS = AvroSerde.of(ConnectRequest.class, SchemaRegistry.none());
    private static final AvroSerde<ConnectReply> REPLIES = AvroSerde.of(ConnectReply.class, SchemaRegistry.none());

    /** An input topic, its values, whether its key is the connection key, and the applications that read it. */
    private record Input(String topic, Class<? extends SpecificRecord> type, KeyRule keyRule, List<String> readers) {
    }

    private static final List<Input> INPUTS = List.of(
            new Input(Topics.CONNECTION_EVENTS, ConnectionEvent.class, KeyRule.CONNECTION, List.of("vault")),
            new Input(Topics.AUTHORIZATIONS, PendingAuthorization.class, KeyRule.ANY, List.of("vault")),
            new Input(Topics.CONNECT_SESSIONS, ConnectSession.class, KeyRule.ANY, List.of("vault")),
            new Input(Topics.TENANTS, Tenant.class, KeyRule.TENANT_ID, List.of("vault", "refresh", "health")),
            new Input(Topics.APP_REGISTRATIONS, AppRegistration.class, KeyRule.ANY, List.of("vault", "refresh")),
            new Input(Topics.TENANT_SECRETS, TenantSecret.class, KeyRule.ANY, List.of("vault", "health")),
            new Input(Topics.CONNECT_REQUESTS, ConnectRequest.class, KeyRule.CONNECTION, List.of("connect")),
            new Input(Topics.EXPIRY_TIMERS, ExpiryTimer.class, KeyRule.CONNECTION, List.of("refresh")),
            new Input(Topics.CHECK_SUBJECTS, CheckSubject.class, KeyRule.CONNECTION, List.of("health")),
            new Input(Topics.CHECK_REQUESTS, CheckRequest.class, KeyRule.CONNECTION, List.of("health")));

    /** A hostile record and the input it was sent to. */
    private record Sent(Input input, Hostile hostile) {
    }

    @Test
    void everyApplicationSurvivesHostileRecordsOnEveryInputTopicDeadLettersThemAndStillServes(EmbeddedKafka kafka,
                                                                                           @TempDir Path dir) {
        try (WholePipeline pipeline = WholePipeline.start(kafka, dir)) {
            // Given
            TestTenant tenant = pipeline.broker().createTenant("corpus");
            List<Sent> corpus = corpus(pipeline, tenant);

            // When
            long started = System.nanoTime();
            Map<String, RecordMetadata> positions = produce(pipeline.broker().kafkaBootstrap(), corpus);

            // Then
            Map<String, Set<String>> deadLetters = awaitDeadLetters(pipeline, corpus, positions);
            assertThat(deadLetters.values().stream().flatMap(Set::stream)).as("applications that dead-lettered")
                    .containsAll(pipeline.applicationIds().keySet());
            LOG.info("MEASURE hostile corpus: {} records dead-lettered as expected in {} ms", corpus.size(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            assertEveryApplicationServes(pipeline);
            report(corpus, deadLetters);
            assertStillServes(pipeline, tenant, "canary-1", "alice");

            // And when every application restarts on that data, with its state and then without (a new machine)
            pipeline.restartAll();
            assertEveryApplicationServes(pipeline);
            pipeline.restartAllWithoutState();

            // Then it runs and serves as before
            assertEveryApplicationServes(pipeline);
            assertThat(pipeline.broker().api(tenant).get("/v1/credentials/mastodon/canary-1").status()).isEqualTo(200);
            assertStillServes(pipeline, tenant, "canary-2", "bob");
        }
    }

    private static List<Sent> corpus(WholePipeline pipeline, TestTenant tenant) {
        List<String> instances = List.of(pipeline.broker().sandbox().baseUrl(), "http://127.0.0.1:9",
                "not an instance");
        List<Sent> corpus = new ArrayList<>();
        long seed = SEED;
        for (Input input : INPUTS) {
            boolean compacted = Topics.all().stream().anyMatch(t -> t.name().equals(input.topic()) && t.compacted());
            HostileCorpus.Target target = new HostileCorpus.Target(input.topic(), input.type(), input.keyRule(),
                    compacted, tenant.id(), instances);
            HostileCorpus.generate(target, PER_KIND, seed++).forEach(h -> corpus.add(new Sent(input, h)));
        }
        return corpus;
    }

    /** Sends the corpus; returns where each record landed, by corpus id. */
    private static Map<String, RecordMetadata> produce(String bootstrap, List<Sent> corpus) {
        Map<String, Future<RecordMetadata>> sends = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaConnection.of(bootstrap).producerConfig("hostile-corpus"), new StringSerializer(),
                new ByteArraySerializer())) {
            for (Sent sent : corpus) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(sent.input().topic(),
                        sent.hostile().key(), sent.hostile().value());
                record.headers().add(HostileCorpus.KIND_HEADER, utf8(sent.hostile().kind().name()));
                record.headers().add(HostileCorpus.ID_HEADER, utf8(sent.hostile().id()));
                sends.put(sent.hostile().id(), producer.send(record));
            }
            producer.flush();
        }
        Map<String, RecordMetadata> positions = new HashMap<>();
        sends.forEach((id, send) -> positions.put(id, sentTo(send)));
        return positions;
    }

    private static RecordMetadata sentTo(Future<RecordMetadata> send) {
        try {
            return send.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("a corpus record was not sent", e);
        }
    }

    /**
     * Whether every application reading the record must dead-letter it: what cannot be read anywhere, a value-less
     * record where a value is required, a record whose key is not its connection (but a request: that one is
     * answered on its reply topic).
     */
    private static boolean mustBeDeadLettered(Sent sent) {
        Kind kind = sent.hostile().kind();
        String topic = sent.input().topic();
        return kind.unreadable()
                || kind == Kind.NULL_VALUE && Set.of(Topics.CONNECTION_EVENTS, Topics.CONNECT_REQUESTS,
                        Topics.CHECK_REQUESTS).contains(topic)
                || kind == Kind.WRONG_KEY && !Set.of(Topics.CONNECT_REQUESTS, Topics.CHECK_REQUESTS).contains(topic);
    }

    /** Corpus id to the applications that dead-lettered it, once every expected dead letter is there. */
    private static Map<String, Set<String>> awaitDeadLetters(WholePipeline pipeline, List<Sent> corpus,
                                                             Map<String, RecordMetadata> positions) {
        Map<String, String> names = new HashMap<>();
        pipeline.applicationIds().forEach((name, id) -> names.put(id, name));
        TopicProbe probe = new TopicProbe(pipeline.broker().kafkaBootstrap());
        Map<String, Set<String>> dead = new HashMap<>();
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            dead.clear();
            dead.putAll(deadLetters(probe, names, positions));
            assertThat(corpus.stream().filter(HostileCorpusTest::mustBeDeadLettered)
                    .filter(sent -> !dead.getOrDefault(sent.hostile().id(), Set.of())
                            .containsAll(sent.input().readers()))
                    .map(sent -> sent.hostile() + " " + dead.get(sent.hostile().id()))).isEmpty();
        });
        return dead;
    }

    /**
     * Corpus id to the applications whose dead letter of it is on the topic, each carrying the documented headers:
     * the source topic, partition and offset the record was sent to, the exception class, a reason, the stage and
     * a known application.
     */
    private static Map<String, Set<String>> deadLetters(TopicProbe probe, Map<String, String> names,
                                                        Map<String, RecordMetadata> positions) {
        Map<String, Set<String>> dead = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : probe.records(Topics.DEAD_LETTERS)) {
            String id = TopicProbe.header(record, HostileCorpus.ID_HEADER);
            if (id != null) {
                DeadLetter letter = DeadLetter.fromHeaders(record.headers()).orElseThrow();
                RecordMetadata sentTo = positions.get(id);
                assertThat(letter.reason()).isNotBlank().hasSizeLessThanOrEqualTo(500);
                assertThat(letter.exception()).as(id).matches("[\\w.$]+(Exception|Error)");
                assertThat(letter.sourceTopic()).isEqualTo(sentTo.topic());
                assertThat(letter.sourcePartition()).isEqualTo(sentTo.partition());
                assertThat(letter.sourceOffset()).isEqualTo(sentTo.offset());
                assertThat(names).containsKey(letter.application());
                dead.computeIfAbsent(id, i -> new HashSet<>()).add(names.get(letter.application()));
            }
        }
        return dead;
    }

    private static void assertEveryApplicationServes(WholePipeline pipeline) {
        assertThat(pipeline.states()).allSatisfy((name, state) ->
                assertThat(state).as(name).isEqualTo(KafkaStreams.State.RUNNING));
        assertThat(new Api(pipeline.broker().baseUrl(), null).get("/health").status()).isEqualTo(200);
    }

    /**
     * A connection still connects (HTTP), gets refreshed (refresh-worker), is checked on request (health-worker),
     * and the connect application answers a request on its topic.
     */
    private static void assertStillServes(WholePipeline pipeline, TestTenant tenant, String userId, String account) {
        // each canary its own account: two connections of one account through one app share its token (Mastodon
        // reuses it), and with rotating refresh tokens one's refresh is the other's replay
        Api.Reply callback = pipeline.broker().connect(tenant, userId, account, account + "-password");
        assertThat(callback.header("Location")).contains("authpipe_status=connected");
        assertThat(pipeline.broker().api(tenant).get("/v1/credentials/mastodon/" + userId).status()).isEqualTo(200);
        pipeline.broker().awaitListedConnection(tenant, userId, c -> c.path("version").asLong() >= 2,
                Duration.ofSeconds(60));
        String key = ConnectionKey.of(tenant.id(), "mastodon", userId).asKafkaKey();
        await().atMost(WAIT).ignoreExceptions().until(() -> pipeline.health().scheduled(key).isPresent());
        TopicProbe probe = new TopicProbe(pipeline.broker().kafkaBootstrap());
        probe.send(Topics.CHECK_REQUESTS, key, AvroSerde.of(CheckRequest.class, SchemaRegistry.none()).serialize(
                Topics.CHECK_REQUESTS, pipeline.broker().producerKey(tenant).sign(CheckRequest.newBuilder()
                        .setConnection(new ConnectionRef(tenant.id(), "mastodon", userId)).setRequestedAt(Instant.now())
                        .setReason(CheckReason.OPERATOR).build(), Instant.now())));
        await().atMost(WAIT).ignoreExceptions().until(() ->
                pipeline.health().scheduled(key).map(c -> c.getLastCheckAt() != null).orElse(false));
        String requestId = UUID.randomUUID().toString();
        probe.send(Topics.CONNECT_REQUESTS, key, REQUESTS.serialize(Topics.CONNECT_REQUESTS, pipeline.broker()
                .producerKey(tenant).sign(ConnectRequest.newBuilder()
                        .setRequestId(requestId).setConnection(new ConnectionRef(tenant.id(), "mastodon", userId))
                        .setInstance(pipeline.broker().sandbox().baseUrl()).setScopes(List.of("read"))
                        .setReturnTo(tenant.returnTo()).setStateChallenge(StateSecret.generate().challenge()).build(),
                        Instant.now())));
        ConsumerRecord<String, byte[]> reply = probe.await(Topics.CONNECT_REPLIES, r -> r.value() != null
                && requestId.equals(REPLIES.deserialize(Topics.CONNECT_REPLIES, r.value()).getRequestId()), WAIT);
        assertThat(REPLIES.deserialize(Topics.CONNECT_REPLIES, reply.value()).getAuthorizeUrl()).isNotNull();
    }

    /** Logs, per topic and kind, how many records were sent and how many were dead-lettered. */
    private static void report(List<Sent> corpus, Map<String, Set<String>> deadLetters) {
        Map<String, Map<Kind, int[]>> table = new TreeMap<>();
        Map<Kind, int[]> totals = new EnumMap<>(Kind.class);
        for (Sent sent : corpus) {
            boolean dead = deadLetters.containsKey(sent.hostile().id());
            for (Map<Kind, int[]> row : List.of(table.computeIfAbsent(sent.input().topic(),
                    t -> new EnumMap<>(Kind.class)), totals)) {
                int[] cell = row.computeIfAbsent(sent.hostile().kind(), k -> new int[2]);
                cell[0]++;
                cell[1] += dead ? 1 : 0;
            }
        }
        table.forEach((topic, row) -> LOG.info("MEASURE corpus {}: {}", topic, cells(row)));
        LOG.info("MEASURE corpus all topics (sent/dead-lettered): {}", cells(totals));
    }

    private static String cells(Map<Kind, int[]> row) {
        StringBuilder line = new StringBuilder();
        row.forEach((kind, cell) -> line.append(kind).append(' ').append(cell[0]).append('/').append(cell[1])
                .append("  "));
        return line.toString().strip();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
