package io.authpipe.broker.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.MutableClock;
import io.authpipe.broker.testing.StateSecret;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.broker.testing.TopicProbe;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.ConnectReply;
import io.authpipe.events.ConnectRequest;
import io.authpipe.events.ConnectionRef;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * App registration stays under the instance's limit (here one per ten minutes) instead of failing: an HTTP caller is
 * told when to retry, a connect-requests record waits for the next window. Broker time is frozen and moved by hand.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RegistrationLimitTest {
    static final Path TEST_LOG = Path.of("target", "test-logs", "broker-api-tests.log");
    /** Frozen one second into the current ten-minute registration window (windows are aligned to the epoch). */
    static final MutableClock CLOCK = MutableClock.frozenAt(Instant.ofEpochSecond(
            Instant.now().getEpochSecond() / 600 * 600 + 1));
    static BrokerFixture fixture;
    static TestTenant tenant;
    static TopicProbe topics;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) {
        fixture = BrokerFixture.start(kafka, dir, SandboxConfig.defaults(),
                Map.of("AUTHPIPE_APP_REGISTRATIONS_PER_WINDOW", "1"), CLOCK);
        tenant = fixture.createTenant("busy");
        topics = new TopicProbe(kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void registrationsOverTheLimitAreDeferredNotFailed() throws Exception {
        // Given the window's one registration is used
        assertThat(connect("user-a", List.of("read")).status()).isEqualTo(200);

        // Then another scope set over HTTP is deferred with Retry-After, while the registered app needs no permit
        Api.Reply deferred = connect("user-b", List.of("read", "write:statuses"));
        assertThat(deferred.status()).isEqualTo(503);
        assertThat(deferred.error()).isEqualTo("instance_registration_throttled");
        assertThat(Integer.parseInt(deferred.header("Retry-After"))).isEqualTo(599);
        assertThat(connect("user-c", List.of("read")).status()).isEqualTo(200);

        // And a connect-requests record waits for the next window instead of getting an error
        String key = ConnectionKey.of(tenant.id(), "mastodon", "user-t").asKafkaKey();
        String requestId = send(key, List.of("read", "follow"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(TEST_LOG)
                .contains("connect request deferred connection=" + key));
        assertThat(fixture.sandbox().operator().appCount()).isEqualTo(1);
        CLOCK.advance(Duration.ofMinutes(10));

        ConnectReply reply = awaitReply(requestId);
        assertThat(reply.getErrorCode()).isNull();
        assertThat(reply.getAuthorizeUrl()).isNotNull();
        assertThat(fixture.sandbox().operator().appCount()).isEqualTo(2);
    }

    private static Api.Reply connect(String user, List<String> scopes) {
        return fixture.api(tenant).post("/v1/connect", Map.of("provider", "mastodon", "userId", user,
                "instance", fixture.sandbox().baseUrl(), "scopes", scopes, "returnTo", tenant.returnTo()));
    }

    private static String send(String key, List<String> scopes) {
        String requestId = UUID.randomUUID().toString();
        ConnectionKey connection = ConnectionKey.parse(key);
        ConnectRequest request = ConnectRequest.newBuilder().setRequestId(requestId)
                .setConnection(new ConnectionRef(tenant.id(), "mastodon", connection.user().value()))
                .setInstance(fixture.sandbox().baseUrl()).setScopes(scopes).setReturnTo(tenant.returnTo())
                .setStateChallenge(StateSecret.generate().challenge()).build();
        request = fixture.producerKey(tenant).sign(request, CLOCK.instant());
        topics.send(Topics.CONNECT_REQUESTS, key,
                AvroSerde.of(ConnectRequest.class, SchemaRegistry.none()).serialize(Topics.CONNECT_REQUESTS, request));
        return requestId;
    }

    private static ConnectReply awaitReply(String requestId) {
        AvroSerde<ConnectReply> replies = AvroSerde.of(ConnectReply.class, SchemaRegistry.none());
        return replies.deserialize(Topics.CONNECT_REPLIES, topics.await(Topics.CONNECT_REPLIES,
                r -> replies.deserialize(Topics.CONNECT_REPLIES, r.value()).getRequestId().equals(requestId),
                Duration.ofSeconds(60)).value());
    }
}
