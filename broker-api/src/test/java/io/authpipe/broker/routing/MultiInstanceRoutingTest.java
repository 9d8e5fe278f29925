package io.authpipe.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authpipe.broker.BrokerApi;
import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        URI callback = new SandboxBrowser().approve(authorizeUrl, "bob", "bob-password");
        String onPeer = callback.toString().replaceFirst("^http://[^/]+", peer.publicUrl().toString());

        Api.Reply reply = Api.browse(onPeer);

        assertThat(reply.header("Location")).contains("authpipe_status=connected");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(peerApi().get("/v1/credentials/mastodon/user-crossing").status()).isEqualTo(200));
    }
}
