package io.authpipe.broker.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.SseReader;
import io.authpipe.broker.testing.SseReader.Frame;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/events} against a real broker-api: a tenant's stream carries its connections' changes (never a
 * token, never another tenant's), beats while quiet, resumes after its last id, and refuses what it cannot serve.
 */
@ExtendWith(KafkaBrokerExtension.class)
class EventStreamTest {
    static final Duration WITHIN = Duration.ofSeconds(20);
    static final ObjectMapper JSON = new ObjectMapper();
    static BrokerFixture fixture;
    static TestTenant tenantA;
    static TestTenant tenantB;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) {
        fixture = BrokerFixture.start(kafka, dir, SandboxConfig.defaults(), Map.of("AUTHPIPE_EVENTS_HEARTBEAT", "1s",
                        "AUTHPIPE_EVENTS_MAX_STREAMS_PER_TENANT", "3"),
                Clock.systemUTC());
        tenantA = fixture.createTenant("events-a");
        tenantB = fixture.createTenant("events-b");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aTenantsStreamCarriesItsOwnChangesWithoutATokenAndBeatsWhileQuiet() throws Exception {
        try (SseReader streamA = open(tenantA, Optional.empty()); SseReader streamB = open(tenantB, Optional.empty())) {
            JsonNode ready = json(streamA.await(named("ready"), WITHIN));
            assertThat(ready.path("tenantId").asText()).isEqualTo(tenantA.id());
            assertThat(ready.path("resumed").asBoolean()).isFalse();
            streamB.await(named("ready"), WITHIN);

            fixture.connect(tenantA, "alice-of-a", "alice", "alice-password");
            fixture.connect(tenantB, "bob-of-b", "bob", "bob-password");
            JsonNode updated = json(streamA.await(about(ChangeType.UPDATED, "alice-of-a"), WITHIN));
            assertThat(updated.path("provider").asText()).isEqualTo("mastodon");
            assertThat(updated.path("status").asText()).isEqualTo("active");
            assertThat(updated.path("version").asLong()).isPositive();
            streamB.await(about(ChangeType.UPDATED, "bob-of-b"), WITHIN);
            String tokenA = fixture.api(tenantA).get("/v1/credentials/mastodon/alice-of-a").json()
                    .path("credential").asText();
            String tokenB = fixture.api(tenantB).get("/v1/credentials/mastodon/bob-of-b").json()
                    .path("credential").asText();

            assertThat(fixture.api(tenantA).delete("/v1/connections/mastodon/alice-of-a").status()).isEqualTo(200);
            JsonNode deleted = json(streamA.await(about(ChangeType.DELETED, "alice-of-a"), WITHIN));
            assertThat(deleted.path("version").asLong()).isGreaterThan(updated.path("version").asLong());
            assertThat(deleted.path("status").asText()).isEqualTo("deleted");
            assertThat(deleted.path("reason").asText()).isEqualTo("disconnected_by_tenant");

            org.awaitility.Awaitility.await().atMost(WITHIN).until(() -> streamA.raw().contains(": heartbeat")
                    || streamA.raw().contains(":heartbeat"));
            assertThat(streamB.raw()).doesNotContain("alice-of-a");
            assertThat(streamA.raw()).doesNotContain("bob-of-b");
            for (String secret : new String[] {tokenA, tokenB, tenantA.apiKey(), tenantB.apiKey()}) {
                assertThat(streamA.raw()).doesNotContain(secret);
                assertThat(streamB.raw()).doesNotContain(secret);
            }
        }
    }

    @Test
    void aStreamResumesRightAfterTheLastEventItReceived() throws Exception {
        String lastId;
        try (SseReader stream = open(tenantA, Optional.empty())) {
            stream.await(named("ready"), WITHIN);
            fixture.connect(tenantA, "resumer", "alice", "alice-password");
            lastId = stream.await(about(ChangeType.UPDATED, "resumer"), WITHIN).id();
        }
        // a change while no stream is open
        assertThat(fixture.api(tenantA).delete("/v1/connections/mastodon/resumer").status()).isEqualTo(200);

        try (SseReader resumed = open(tenantA, Optional.of(lastId))) {
            JsonNode ready = json(resumed.await(named("ready"), WITHIN));
            assertThat(ready.path("resumed").asBoolean()).isTrue();
            Frame missed = resumed.await(about(ChangeType.DELETED, "resumer"), WITHIN);
            assertThat(missed.id()).isNotEqualTo(lastId);
            assertThat(resumed.frames()).as("nothing before the last id again")
                    .noneMatch(about(ChangeType.UPDATED, "resumer"));
        }
    }

    @Test
    void whatCannotBeStreamedIsRefusedAsJsonBeforeTheStreamStarts() throws Exception {
        try (SseReader notACursor = SseReader.open(fixture.baseUrl(), tenantA.apiKey(), Optional.of("not-a-cursor"))) {
            assertThat(notACursor.status()).isEqualTo(400);
            assertThat(JSON.readTree(notACursor.errorBody()).path("error").asText()).isEqualTo("invalid_last_event_id");
        }
        try (SseReader wrongKey = SseReader.open(fixture.baseUrl(), tenantA.apiKey() + "x", Optional.empty())) {
            assertThat(wrongKey.status()).isEqualTo(401);
        }
    }

    @Test
    void aTenantHasABoundedNumberOfStreamsAndAClosedOneFreesItsSlot() throws Exception {
        TestTenant tenant = fixture.createTenant("events-slots");
        List<SseReader> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                streams.add(open(tenant, Optional.empty()));
            }
            try (SseReader oneTooMany = SseReader.open(fixture.baseUrl(), tenant.apiKey(), Optional.empty())) {
                assertThat(oneTooMany.status()).isEqualTo(429);
                assertThat(JSON.readTree(oneTooMany.errorBody()).path("error").asText()).isEqualTo("too_many_streams");
            }
            streams.remove(0).close();
            // the server notices the closed stream at its next write (a heartbeat here, every second)
            SseReader again = org.awaitility.Awaitility.await().atMost(WITHIN).until(() -> {
                SseReader attempt = SseReader.open(fixture.baseUrl(), tenant.apiKey(), Optional.empty());
                if (attempt.status() != 200) {
                    attempt.close();
                }
                return attempt;
            }, attempt -> attempt.status() == 200);
            streams.add(again);
            again.await(named("ready"), WITHIN);
        } finally {
            streams.forEach(SseReader::close);
        }
    }

    private static SseReader open(TestTenant tenant, Optional<String> lastEventId) {
        SseReader reader = SseReader.open(fixture.baseUrl(), tenant.apiKey(), lastEventId);
        assertThat(reader.status()).isEqualTo(200);
        return reader;
    }

    private enum ChangeType {
        UPDATED("credential.updated"), DELETED("connection.deleted");

        final String event;

        ChangeType(String event) {
            this.event = event;
        }
    }

    private static Predicate<Frame> named(String event) {
        return frame -> frame.event().equals(event);
    }

    private static Predicate<Frame> about(ChangeType type, String userId) {
        return frame -> frame.event().equals(type.event) && json(frame).path("userId").asText().equals(userId);
    }

    private static JsonNode json(Frame frame) {
        try {
            return JSON.readTree(frame.data());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
