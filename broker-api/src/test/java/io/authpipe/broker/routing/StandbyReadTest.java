package io.authpipe.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authpipe.broker.BrokerApi;
import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two broker-api instances with a standby replica each: when one dies, it keeps its partitions until its consumer
 * session expires (static membership), and the survivor answers getCredential for them from its standby copy
 * ({@code Authpipe-Replica: standby}) instead of {@code 502 instance_peer_unreachable}.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StandbyReadTest {
    static final int PARTITIONS = 3;
    static final Map<String, String> STANDBY = Map.of("AUTHPIPE_STANDBY_REPLICAS", "1");

    @Test
    void whileADeadOwnerStillHoldsItsPartitionsTheSurvivorAnswersFromItsStandbyCopy(EmbeddedKafka kafka,
                                                                                     @TempDir Path dir) {
        try (BrokerFixture fixture = BrokerFixture.start(kafka, dir, SandboxConfig.defaults(), STANDBY,
                Clock.systemUTC()); BrokerApi peer = fixture.startPeer("test-2", STANDBY)) {
            // Given a connection on every partition, served by both instances
            TestTenant tenant = fixture.createTenant("standby");
            Api peerApi = new Api(peer.publicUrl().toString(), tenant.apiKey());
            List<String> users = onePerPartition(tenant);
            users.forEach(user -> fixture.connect(tenant, user, "alice", "alice-password"));
            Map<String, String> tokens = new HashMap<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (String user : users) {
                    Api.Reply fromPeer = peerApi.get("/v1/credentials/mastodon/" + user);
                    assertThat(fromPeer.status()).isEqualTo(200);
                    assertThat(fixture.api(tenant).get("/v1/credentials/mastodon/" + user).status()).isEqualTo(200);
                    tokens.put(user, fromPeer.json().path("credential").asText());
                }
            });

            // When the peer dies (its consumer session keeps its partitions assigned to it for 15 s)
            peer.close(); // closing again when the test ends is harmless

            // Then every connection is answered, the peer's from the standby copy, with the same token
            List<String> fromStandby = new ArrayList<>();
            for (String user : users) {
                Api.Reply reply = fixture.api(tenant).get("/v1/credentials/mastodon/" + user);
                assertThat(reply.status()).as(user + ": " + reply.text()).isEqualTo(200);
                assertThat(reply.json().path("credential").asText()).isEqualTo(tokens.get(user));
                if ("standby".equals(reply.header("Authpipe-Replica"))) {
                    fromStandby.add(user);
                }
            }
            assertThat(fromStandby).isNotEmpty();
        }
    }

    /** A user of the tenant on each partition of the connection topics (Kafka's default partitioner). */
    private static List<String> onePerPartition(TestTenant tenant) {
        String[] users = new String[PARTITIONS];
        for (int i = 0, found = 0; found < PARTITIONS; i++) {
            String user = "user-" + i;
            byte[] key = ConnectionKey.of(tenant.id(), "mastodon", user).asKafkaKey().getBytes(StandardCharsets.UTF_8);
            int partition = Utils.toPositive(Utils.murmur2(key)) % PARTITIONS;
            if (users[partition] == null) {
                users[partition] = user;
                found++;
            }
        }
        return List.of(users);
    }
}
