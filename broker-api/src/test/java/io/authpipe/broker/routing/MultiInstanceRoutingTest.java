package io.authpipe.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authpipe.broker.BrokerApi;
import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.broker.testing.TopicProbe;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.CheckReason;
import io.authpipe.events.CheckRequest;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two broker-api instances share the partitions of the credential and authorization stores; every request is
 * answered whichever instance it reaches, by forwarding it to the instance that owns the key.
 */
@ExtendWith(KafkaBrokerExtension.class)
class MultiInstanceRoutingTest {
    static final List<String> USERS = IntStream.rangeClosed(1, 6).mapToObj(i -> "user-" + i).toList();
    static BrokerFixture fixture;
    static BrokerApi peer;
    static TestTenant tenant;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) {
        fixture = BrokerFixture.start(kafka, dir);
        peer = fixture.startPeer("test-2");
        tenant = fixture.createTenant("routed");
        await().atMost(Duration.ofSeconds(60)).until(() -> peerApi().get("/v1/connections").status() == 200);
    }

    @AfterAll
    static void stop() {
        peer.close();
        fixture.close();
    }

    static Api peerApi() {
        return new Api(peer.publicUrl().toString(), tenant.apiKey());
    }

    @Test
    void everyCredentialIsServedByBothInstancesAndListedOnce() {
        USERS.forEach(user -> fixture.connect(tenant, user, "alice", "alice-password"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String user : USERS) {
                assertThat(fixture.api(tenant).get("/v1/credentials/mastodon/" + user).status()).isEqualTo(200);
                assertThat(peerApi().get("/v1/credentials/mastodon/" + user).status()).isEqualTo(200);
            }
        });
        List<String> listed = peerApi().get("/v1/connections").json().path("connections").findValuesAsText("userId");
        assertThat(listed).containsExactlyInAnyOrderElementsOf(USERS);
    }

    @Test
    void aFlowStartedOnOneInstanceFinishesOnTheOther() {
        String authorizeUrl = fixture.startConnect(tenant, "user-crossing", List.of("read"));
        SandboxBrowser browser = new SandboxBrowser();
        URI callback = browser.approve(authorizeUrl, "bob", "bob-password");
        String onPeer = callback.toString().replaceFirst("^http://[^/]+", peer.publicUrl().toString());

        Api.Reply reply = Api.browse(onPeer, browser);

        assertThat(reply.header("Location")).contains("authpipe_status=connected");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(peerApi().get("/v1/credentials/mastodon/user-crossing").status()).isEqualTo(200));
    }

    @Test
    void aCheckRequestedOnEitherInstanceIsPublishedWithItsBody() {
        // Given a connection of a tenant of its own (the listing above stays exact)
        TestTenant checking = fixture.createTenant("checking");
        fixture.connect(checking, "user-checked", "alice", "alice-password");
        Api first = fixture.api(checking);
        Api second = new Api(peer.publicUrl().toString(), checking.apiKey());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(first.get("/v1/credentials/mastodon/user-checked").status()).isEqualTo(200));
        String path = "/v1/connections/mastodon/user-checked/check";

        // When a check is requested on each instance (one of them forwards it to the owner)
        Api.Reply onFirst = first.post(path, Map.of("reason", "operator"));
        Api.Reply onSecond = second.post(path, Map.of("reason", "operator"));

        // Then both are accepted and both records carry the body's reason
        assertThat(List.of(onFirst.status(), onSecond.status())).containsOnly(202);
        assertThat(onSecond.json().path("version")).isEqualTo(onFirst.json().path("version"));
        String key = ConnectionKey.of(checking.id(), "mastodon", "user-checked").asKafkaKey();
        AvroSerde<CheckRequest> serde = AvroSerde.of(CheckRequest.class, SchemaRegistry.none());
        TopicProbe topics = new TopicProbe(fixture.kafkaBootstrap());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(topics.records(Topics.CHECK_REQUESTS))
                .filteredOn(r -> r.key().equals(key))
                .extracting(r -> serde.deserialize(Topics.CHECK_REQUESTS, r.value()).getReason())
                .containsExactly(CheckReason.OPERATOR, CheckReason.OPERATOR));
    }
}
