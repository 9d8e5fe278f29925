package io.authpipe.broker.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.broker.testing.TopicProbe;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.ConnectReply;
import io.authpipe.events.ConnectRequest;
import io.authpipe.events.ConnectionRef;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The connect flow started by a record on {@code authpipe.connect-requests} instead of an HTTP call. */
@ExtendWith(KafkaBrokerExtension.class)
class ConnectRequestTopicTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final AvroSerde<ConnectRequest> REQUESTS = AvroSerde.of(ConnectRequest.class, SchemaRegistry.none());
    static final AvroSerde<ConnectReply> REPLIES = AvroSerde.of(ConnectReply.class, SchemaRegistry.none());
    static BrokerFixture fixture;
    static TestTenant tenant;
    static TopicProbe topics;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) {
        fixture = BrokerFixture.start(kafka, dir);
        tenant = fixture.createTenant("events");
        topics = new TopicProbe(kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aRequestRecordIsAnsweredWithAnAuthorizeLinkThatCompletesTheFlow() {
        String requestId = send("user-topic", List.of("read", "write"));

        ConnectReply reply = awaitReply(requestId);
        assertThat(reply.getErrorCode()).isNull();
        assertThat(reply.getExpiresAt()).isNotNull();
        URI callback = new SandboxBrowser().approve(reply.getAuthorizeUrl(), "alice", "alice-password");
        assertThat(Api.browse(callback.toString()).header("Location")).contains("authpipe_status=connected");

        Api.Reply credential = fixture.api(tenant).get("/v1/credentials/mastodon/user-topic");
        assertThat(credential.status()).isEqualTo(200);
        assertThat(credential.json().path("scopes").toString()).contains("read", "write");
    }

    @Test
    void anInvalidRequestIsAnsweredWithTheErrorCode() {
        String requestId = send("user-bad-scope", List.of("read", "teleport"));

        ConnectReply reply = awaitReply(requestId);

        assertThat(reply.getAuthorizeUrl()).isNull();
        assertThat(reply.getErrorCode()).isEqualTo("invalid_scope");
        assertThat(reply.getErrorMessage()).contains("teleport");
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicWithItsReasonAndProcessingContinues() {
        byte[] garbage = ("not avro " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String key = ConnectionKey.of(tenant.id(), "mastodon", "user-garbage").asKafkaKey();
        topics.send(Topics.CONNECT_REQUESTS, key, garbage);
        String afterwards = send("user-after-garbage", List.of("read"));

        ConsumerRecord<String, byte[]> dead = topics.await(Topics.DEAD_LETTERS,
                r -> java.util.Arrays.equals(r.value(), garbage), WAIT);
        assertThat(dead.key()).isEqualTo(key);
        assertThat(TopicProbe.headerNames(dead)).anyMatch(h -> h.contains("exception"));
        assertThat(String.join(" ", TopicProbe.headerNames(dead).stream()
                .map(h -> String.valueOf(TopicProbe.header(dead, h))).toList())).contains(Topics.CONNECT_REQUESTS);
        assertThat(awaitReply(afterwards).getAuthorizeUrl()).isNotNull();
    }

    private static String send(String userId, List<String> scopes) {
        String requestId = UUID.randomUUID().toString();
        ConnectRequest request = ConnectRequest.newBuilder()
                .setRequestId(requestId)
                .setConnection(new ConnectionRef(tenant.id(), "mastodon", userId))
                .setInstance(fixture.sandbox().baseUrl())
                .setScopes(scopes)
                .setReturnTo(tenant.returnTo())
                .build();
        topics.send(Topics.CONNECT_REQUESTS, ConnectionKey.of(tenant.id(), "mastodon", userId).asKafkaKey(),
                REQUESTS.serialize(Topics.CONNECT_REQUESTS, request));
        return requestId;
    }

    private static ConnectReply awaitReply(String requestId) {
        ConsumerRecord<String, byte[]> record = topics.await(Topics.CONNECT_REPLIES,
                r -> REPLIES.deserialize(Topics.CONNECT_REPLIES, r.value()).getRequestId().equals(requestId), WAIT);
        return REPLIES.deserialize(Topics.CONNECT_REPLIES, record.value());
    }
}
