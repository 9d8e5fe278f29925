package io.authpipe.broker.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.MutableClock;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.broker.testing.TopicProbe;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.CheckReason;
import io.authpipe.events.CheckRequest;
import io.authpipe.events.ConnectionRef;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/connections/{provider}/{userId}/check} over real HTTP: the request lands on
 * {@code authpipe.check-requests} of a real Kafka broker, keyed by the connection.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ConnectionCheckRouteTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final AvroSerde<CheckRequest> CHECKS = AvroSerde.of(CheckRequest.class, SchemaRegistry.none());
    static final MutableClock CLOCK = new MutableClock();
    static BrokerFixture fixture;
    static TestTenant tenant;
    static TopicProbe topics;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) {
        fixture = BrokerFixture.start(kafka, dir, SandboxConfig.defaults(), Map.of(), CLOCK);
        tenant = fixture.createTenant("checks");
        topics = new TopicProbe(kafka.bootstrapServers());
        for (String user : List.of("user-refused", "user-quiet", "user-explicit", "user-strict", "user-private")) {
            fixture.connect(tenant, user, "alice", "alice-password");
        }
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aReportedUnauthorizedIsPublishedAsTokenRefusedKeyedByTheConnection() {
        // Given a connected user, and a broker clock five minutes ahead of the wall clock
        long version = api().get("/v1/credentials/mastodon/user-refused").json().path("version").asLong();
        CLOCK.advance(Duration.ofMinutes(5));

        // When the consuming service reports that the provider answered 401
        Api.Reply reply = api().post(checkPath("user-refused"), Map.of("reportedStatus", 401));

        // Then the request is accepted, stamped by the broker's clock
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().path("status").asText()).isEqualTo("check_requested");
        assertThat(reply.json().path("version").asLong()).isEqualTo(version);
        Instant requestedAt = Instant.parse(reply.json().path("requestedAt").asText());
        assertThat(requestedAt).isAfter(Instant.now().plus(Duration.ofMinutes(4)));

        // And the same request is on the topic, keyed by the connection key
        CheckRequest request = awaitRequest("user-refused", requestedAt);
        assertThat(request.getConnection()).isEqualTo(new ConnectionRef(tenant.id(), "mastodon", "user-refused"));
        assertThat(request.getReason()).isEqualTo(CheckReason.TOKEN_REFUSED);
        assertThat(request.getReportedStatus()).isEqualTo(401);
    }

    @Test
    void aRequestWithoutBodyAsksForACheckForReasonOther() {
        Api.Reply reply = api().post(checkPath("user-quiet"));

        assertThat(reply.status()).isEqualTo(202);
        CheckRequest request = awaitRequest("user-quiet", Instant.parse(reply.json().path("requestedAt").asText()));
        assertThat(request.getReason()).isEqualTo(CheckReason.OTHER);
        assertThat(request.getReportedStatus()).isNull();
    }

    @Test
    void aReportedForbiddenMeansForbiddenAndAnExplicitReasonWinsWhileUnknownFieldsAreIgnored() {
        Api.Reply forbidden = api().post(checkPath("user-explicit"), Map.of("reportedStatus", 403));
        CLOCK.advance(Duration.ofSeconds(1)); // two distinct requestedAt to tell the records apart
        Api.Reply explicit = api().post(checkPath("user-explicit"),
                Map.of("reason", "operator", "reportedStatus", 401, "note", "asked by support"));

        assertThat(forbidden.status()).isEqualTo(202);
        assertThat(explicit.status()).isEqualTo(202);
        CheckRequest first = awaitRequest("user-explicit", Instant.parse(forbidden.json().path("requestedAt").asText()));
        CheckRequest second = awaitRequest("user-explicit", Instant.parse(explicit.json().path("requestedAt").asText()));
        assertThat(first.getReason()).isEqualTo(CheckReason.FORBIDDEN);
        assertThat(first.getReportedStatus()).isEqualTo(403);
        assertThat(second.getReason()).isEqualTo(CheckReason.OPERATOR);
        assertThat(second.getReportedStatus()).isEqualTo(401);
    }

    @Test
    void anUnusableBodyIsRefusedWithAPreciseErrorAndPublishesNothing() {
        // When the body is malformed, names an unknown reason, or reports something that is not an HTTP status
        Api.Reply badJson = api().post(checkPath("user-strict"), "{\"reason\": ");
        Api.Reply notAnObject = api().post(checkPath("user-strict"), "[401]");
        Api.Reply badReason = api().post(checkPath("user-strict"), Map.of("reason", "teleported"));
        Api.Reply reasonNotText = api().post(checkPath("user-strict"), Map.of("reason", 401));
        Api.Reply tooLow = api().post(checkPath("user-strict"), Map.of("reportedStatus", 99));
        Api.Reply tooHigh = api().post(checkPath("user-strict"), Map.of("reportedStatus", 600));
        Api.Reply statusAsText = api().post(checkPath("user-strict"), Map.of("reportedStatus", "401"));
        Api.Reply fractional = api().post(checkPath("user-strict"), "{\"reportedStatus\": 401.5}");
        Api.Reply form = api().postRaw(checkPath("user-strict"), "reason=other", "application/x-www-form-urlencoded");

        // Then each is refused with its own code
        assertThat(List.of(badJson, notAnObject)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.error()).isEqualTo("invalid_json");
        });
        assertThat(List.of(badReason, reasonNotText)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.error()).isEqualTo("invalid_reason");
            assertThat(r.json().path("message").asText()).contains("token_refused", "forbidden", "operator", "other");
        });
        assertThat(List.of(tooLow, tooHigh, statusAsText, fractional)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.error()).isEqualTo("invalid_reported_status");
        });
        assertThat(form.status()).isEqualTo(415);

        // And none reached the topic: the next valid request is the connection's only record there
        Api.Reply valid = api().post(checkPath("user-strict"));
        awaitRequest("user-strict", Instant.parse(valid.json().path("requestedAt").asText()));
        assertThat(topics.records(Topics.CHECK_REQUESTS)).filteredOn(r -> r.key().equals(key("user-strict")))
                .hasSize(1);
    }

    @Test
    void anUnknownConnectionIsNotFound() {
        Api.Reply reply = api().post(checkPath("user-never-connected"), Map.of("reportedStatus", 401));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("connection_not_found");
    }

    @Test
    void aDeletedConnectionHasNothingToCheckAndIsNotFoundLikeGetCredentialAnswers() {
        // Given a connection the tenant deleted
        fixture.connect(tenant, "user-gone", "bob", "bob-password");
        assertThat(api().delete("/v1/connections/mastodon/user-gone").status()).isEqualTo(200);

        // Then a check is refused with the same 404 getCredential answers
        Api.Reply reply = api().post(checkPath("user-gone"), Map.of("reportedStatus", 401));
        Api.Reply credential = api().get("/v1/credentials/mastodon/user-gone");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("connection_not_found");
        assertThat(credential.error()).isEqualTo("connection_not_found");
    }

    @Test
    void anotherTenantCannotRequestACheckOfThisTenantsConnection() {
        TestTenant other = fixture.createTenant("nosy");

        Api.Reply reply = fixture.api(other).post(checkPath("user-private"), Map.of("reportedStatus", 401));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("connection_not_found");
    }

    @Test
    void aRequestWithoutApiKeyIsUnauthorized() {
        Api.Reply reply = new Api(fixture.baseUrl(), null).post(checkPath("user-private"), Map.of("reportedStatus", 401));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).isEqualTo("unauthorized");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }

    private static Api api() {
        return fixture.api(tenant);
    }

    private static String checkPath(String userId) {
        return "/v1/connections/mastodon/" + userId + "/check";
    }

    private static String key(String userId) {
        return ConnectionKey.of(tenant.id(), "mastodon", userId).asKafkaKey();
    }

    private static CheckRequest awaitRequest(String userId, Instant requestedAt) {
        ConsumerRecord<String, byte[]> record = topics.await(Topics.CHECK_REQUESTS, r -> r.key().equals(key(userId))
                && read(r).getRequestedAt().equals(requestedAt), WAIT);
        return read(record);
    }

    private static CheckRequest read(ConsumerRecord<String, byte[]> record) {
        return CHECKS.deserialize(Topics.CHECK_REQUESTS, record.value());
    }
}
