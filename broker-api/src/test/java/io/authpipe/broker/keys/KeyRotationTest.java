package io.authpipe.broker.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Online key rotation: every secret moves to the new key through the pipeline while reads keep succeeding. */
@ExtendWith(KafkaBrokerExtension.class)
class KeyRotationTest {
    static final List<String> USERS = IntStream.rangeClosed(1, 5).mapToObj(i -> "user-" + i).toList();
    static BrokerFixture fixture;
    static TestTenant tenant;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) {
        fixture = BrokerFixture.start(kafka, dir);
        tenant = fixture.createTenant("rotating");
        USERS.forEach(u -> fixture.connect(tenant, u, "alice", "alice-password"));
        fixture.api(tenant).put("/v1/secrets/webhook-signing-secret/main", Map.of("secret", "whsec-before-rotation"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aRotationUnderTrafficMovesEverySecretWithoutAFailedRead() throws Exception {
        Map<String, String> before = new ConcurrentHashMap<>();
        USERS.forEach(u -> before.put(u, credential(u)));
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                for (String user : USERS) {
                    Api.Reply reply = fixture.api(tenant).get("/v1/credentials/mastodon/" + user);
                    reads.incrementAndGet();
                    if (reply.status() != 200 || !reply.json().path("credential").asText().equals(before.get(user))) {
                        failures.incrementAndGet();
                    }
                }
            }
        });
        reader.start();

        Api.Reply started = fixture.admin().post("/admin/v1/tenants/" + tenant.id() + "/key-rotation", "");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Api.Reply status = fixture.admin().get("/admin/v1/tenants/" + tenant.id() + "/key-rotation");
            assertThat(status.json().path("connections").path("remaining").asInt()).isZero();
            assertThat(status.json().path("completedAt").isNull()).isFalse();
        });
        reading.set(false);
        reader.join();

        assertThat(started.status()).isEqualTo(202);
        assertThat(reads.get()).isPositive();
        assertThat(failures.get()).isZero();
        Api.Reply status = fixture.admin().get("/admin/v1/tenants/" + tenant.id() + "/key-rotation");
        assertThat(status.json().path("connections").path("total").asInt()).isEqualTo(USERS.size());
        assertThat(status.json().path("currentKey").asText()).contains(":" + tenant.id() + ":2:");
        USERS.forEach(u -> assertThat(credential(u)).isEqualTo(before.get(u)));
        assertThat(fixture.api(tenant).get("/v1/secrets/webhook-signing-secret/main").json().path("secret").asText())
                .isEqualTo("whsec-before-rotation");
        fixture.connect(tenant, "user-after", "bob", "bob-password");
        assertThat(fixture.api(tenant).get("/v1/credentials/mastodon/user-after").status()).isEqualTo(200);
    }

    private static String credential(String user) {
        return fixture.api(tenant).get("/v1/credentials/mastodon/" + user).json().path("credential").asText();
    }
}
