package io.authpipe.broker.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.kafka.EventSerdes;
import io.authpipe.events.CheckOutcome;
import io.authpipe.events.CheckSubject;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.CredentialUpdated;
import io.authpipe.events.ExpiryTimer;
import io.authpipe.events.Revocation;
import io.authpipe.events.StoredCredential;
import io.authpipe.kafka.deadletter.DeadLetterHeaders;
import io.authpipe.kafka.deadletter.DeadLetterProcessingHandler;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The vault topology with {@link TopologyTestDriver}: what each event does to the store and the output topics. */
class VaultTopologyTest {
    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    final EventSerdes serdes = new EventSerdes(SchemaRegistry.none());
    TopologyTestDriver driver;
    TestInputTopic<String, ConnectionEvent> events;
    TestOutputTopic<String, CredentialUpdated> updates;
    TestOutputTopic<String, Revocation> revocations;
    TestOutputTopic<String, ExpiryTimer> timers;
    TestOutputTopic<String, CheckSubject> subjects;
    TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vault-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTERS);
        driver = new TopologyTestDriver(VaultTopology.build(serdes, props,
                new RefreshPolicy(Duration.ofMinutes(5), Duration.ZERO)), props, T0);
        events = driver.createInputTopic(Topics.CONNECTION_EVENTS, Serdes.String().serializer(),
                serdes.of(ConnectionEvent.class).serializer());
        updates = driver.createOutputTopic(Topics.CREDENTIAL_UPDATED, Serdes.String().deserializer(),
                serdes.of(CredentialUpdated.class).deserializer());
        revocations = driver.createOutputTopic(Topics.REVOCATIONS, Serdes.String().deserializer(),
                serdes.of(Revocation.class).deserializer());
        timers = driver.createOutputTopic(Topics.EXPIRY_TIMERS, Serdes.String().deserializer(),
                serdes.of(ExpiryTimer.class).deserializer());
        subjects = driver.createOutputTopic(Topics.CHECK_SUBJECTS, Serdes.String().deserializer(),
                serdes.of(CheckSubject.class).deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS, Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @Test
    void anEventNamingAnInvalidConnectionIsDeadLetteredAndTheNextEventIsFolded() {
        ConnectionEvent invalid = Events.established(T0, null, null);
        invalid.setConnection(new ConnectionRef("acme", "Not A Provider!", "user-1"));

        events.pipeInput(Events.KEY, invalid);
        events.pipeInput(Events.KEY, Events.established(T0.plusSeconds(1), null, null));

        assertThat(deadLetterReasons()).containsExactly("invalid connection: provider must match [a-z][a-z0-9-]{0,31}");
        assertThat(store().get(Events.KEY).getVersion()).isEqualTo(1);
        assertThat(updates.readValuesToList()).hasSize(1);
    }

    @Test
    void anEventWhoseKeyIsAnotherConnectionIsDeadLetteredWithoutTouchingEither() {
        events.pipeInput(Events.KEY, Events.established(T0, null, null));

        events.pipeInput("acme:mastodon:user-2", Events.disconnected(T0.plusSeconds(1), 1L));

        assertThat(deadLetterReasons()).containsExactly("the key is not the connection the record names");
        assertThat(store().get(Events.KEY).getStatus()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(store().get("acme:mastodon:user-2")).isNull();
        assertThat(revocations.isEmpty()).isTrue();
    }

    @Test
    void aTombstoneOrAKeylessEventIsDeadLettered() {
        events.pipeInput(Events.KEY, (ConnectionEvent) null);
        events.pipeInput((String) null, Events.established(T0, null, null));

        assertThat(deadLetterReasons()).containsExactly(
                "a connection event without a value (connection-events has no tombstones)",
                "no record key (the key must be the connection key)");
        assertThat(updates.isEmpty()).isTrue();
    }

    private List<String> deadLetterReasons() {
        return deadLetters.readRecordsToList().stream()
                .map(r -> new String(r.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                .toList();
    }

    private KeyValueStore<String, StoredCredential> store() {
        return driver.getKeyValueStore(VaultTopology.CREDENTIALS_STORE);
    }

    @Test
    void theHealthWorkerGetsEachVersionOfALiveConnectionWithItsTokenSealedAndATombstoneWhenItEnds() {
        events.pipeInput(Events.KEY, Events.established(T0, null, null));
        events.pipeInput(Events.KEY, Events.resealed(T0.plusSeconds(1), 1L, "sealed-under-kek-2"));
        events.pipeInput(Events.KEY, Events.checked(T0.plusSeconds(2), 1L, CheckOutcome.HEALTHY, 200, null));
        events.pipeInput(Events.KEY, Events.checked(T0.plusSeconds(3), 1L, CheckOutcome.SUSPENDED, 403, null));
        events.pipeInput(Events.KEY, Events.disconnected(T0.plusSeconds(4), 2L));

        List<CheckSubject> published = subjects.readValuesToList();
        assertThat(published).hasSize(4);
        assertThat(published.get(0).getVersion()).isEqualTo(1);
        assertThat(new String(published.get(0).getAccessToken().getEnvelope().array(), StandardCharsets.UTF_8))
                .isEqualTo("sealed-access-token");
        assertThat(new String(published.get(1).getAccessToken().getEnvelope().array(), StandardCharsets.UTF_8))
                .isEqualTo("sealed-under-kek-2");
        assertThat(published.get(2).getStatus()).isEqualTo(ConnectionStatus.SUSPENDED);
        assertThat(published.get(2).getVersion()).isEqualTo(2);
        assertThat(published.get(3)).isNull();
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void anEstablishedConnectionIsStoredAndPublishedWithoutItsSecret() {
        events.pipeInput(Events.KEY, Events.established(T0, null, null));

        KeyValueStore<String, StoredCredential> store = driver.getKeyValueStore(VaultTopology.CREDENTIALS_STORE);
        assertThat(store.get(Events.KEY).getVersion()).isEqualTo(1);
        CredentialUpdated update = updates.readValue();
        assertThat(update.getStatus()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(update.getVersion()).isEqualTo(1);
        byte[] published = serdes.of(CredentialUpdated.class).serialize(Topics.CREDENTIAL_UPDATED, update);
        assertThat(new String(published, StandardCharsets.ISO_8859_1)).doesNotContain("sealed-access-token");
        assertThat(timers.isEmpty()).isTrue();
    }

    @Test
    void aDisconnectIsReportedOnceOnTheRevocationsTopic() {
        events.pipeInput(Events.KEY, Events.established(T0, null, null));
        events.pipeInput(Events.KEY, Events.disconnected(T0.plusSeconds(1), 1L));
        events.pipeInput(Events.KEY, Events.disconnected(T0.plusSeconds(2), null));

        assertThat(revocations.readValuesToList()).singleElement()
                .satisfies(r -> assertThat(r.getVersion()).isEqualTo(2));
        assertThat(updates.readValuesToList()).extracting(CredentialUpdated::getStatus)
                .containsExactly(ConnectionStatus.ACTIVE, ConnectionStatus.REVOKED);
    }

    @Test
    void aStaleEventChangesNothingAndPublishesNothing() {
        events.pipeInput(Events.KEY, Events.established(T0, null, null));
        events.pipeInput(Events.KEY, Events.established(T0.plusSeconds(1), null, null));
        updates.readValuesToList();

        events.pipeInput(Events.KEY, Events.disconnected(T0.plusSeconds(2), 1L));

        assertThat(updates.isEmpty()).isTrue();
        assertThat(revocations.isEmpty()).isTrue();
        KeyValueStore<String, StoredCredential> store = driver.getKeyValueStore(VaultTopology.CREDENTIALS_STORE);
        assertThat(store.get(Events.KEY).getStatus()).isEqualTo(ConnectionStatus.ACTIVE);
    }

    @Test
    void anErasedConnectionLeavesTombstonesAndNoState() {
        events.pipeInput(Events.KEY, Events.established(T0, null, null));
        updates.readValuesToList();

        events.pipeInput(Events.KEY, Events.erased(T0.plusSeconds(1)));

        KeyValueStore<String, StoredCredential> store = driver.getKeyValueStore(VaultTopology.CREDENTIALS_STORE);
        assertThat(store.get(Events.KEY)).isNull();
        var last = updates.readRecord();
        assertThat(last.value().getStatus()).isEqualTo(io.authpipe.events.ConnectionStatus.DELETED);
        var tombstone = updates.readRecord();
        assertThat(tombstone.key()).isEqualTo(Events.KEY);
        assertThat(tombstone.value()).isNull();
        var revocation = revocations.readValue();
        assertThat(revocation.getReason()).isEqualTo(io.authpipe.events.RevocationReason.TENANT_DELETED);
        assertThat(revocation.getChange()).isEqualTo(io.authpipe.events.StatusChange.DELETED);
        assertThat(timers.readRecord().value()).isNull();
    }

    @Test
    void anExpiringTokenSchedulesARefreshAndARevocationCancelsIt() {
        events.pipeInput(Events.KEY, Events.established(T0, null, T0.plus(Duration.ofHours(1))));
        events.pipeInput(Events.KEY, Events.disconnected(T0.plusSeconds(1), 1L));

        var scheduled = timers.readRecord();
        var cancelled = timers.readRecord();
        assertThat(scheduled.value().getDueAt()).isEqualTo(T0.plus(Duration.ofMinutes(55)));
        assertThat(cancelled.key()).isEqualTo(Events.KEY);
        assertThat(cancelled.value()).isNull();
    }
}
