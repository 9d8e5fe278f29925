package io.authpipe.broker.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.broker.testing.TopicProbe;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.AccountInfo;
import io.authpipe.events.ConnectionEstablished;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.ConnectionRef;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.records.SealedBytes;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.topics.Topics;
import io.authpipe.vault.Purpose;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.TenantKeys;
import io.authpipe.vault.Vault;
import io.authpipe.vault.kms.LocalKeyFileKms;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
    static Path dir;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path tempDir) {
        dir = tempDir;
        fixture = BrokerFixture.start(kafka, tempDir, SandboxConfig.defaults(),
                // the reader below reads in a tight loop: the tenant's rate limit is not what this test is about
                Map.of("AUTHPIPE_KEY_ROTATION_SETTLE", "3s", "AUTHPIPE_RATE_LIMIT_TENANT", "0"), Clock.systemUTC());
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

    @Test
    void aRotationInterruptedByARestartIsResumedAndCatchesAWriteSealedUnderTheOldKey() {
        // Given a rotation that has just started, and a write still sealed under the old key (in flight before it)
        TestTenant other = fixture.createTenant("resumed");
        fixture.connect(other, "user-early", "alice", "alice-password");
        TenantKeys oldKeys = currentKeys(other.id());
        fixture.admin().post("/admin/v1/tenants/" + other.id() + "/key-rotation", "");
        publishSealedUnder(oldKeys, "user-late", "token-sealed-under-the-old-key");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                fixture.api(other).get("/v1/credentials/mastodon/user-late").status() == 200);

        // When broker-api restarts before the rotation completed
        fixture.restart();

        // Then the resumed rotation moves the late write too, and the rotation completes
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Api.Reply status = fixture.admin().get("/admin/v1/tenants/" + other.id() + "/key-rotation");
            assertThat(status.json().path("connections").path("total").asInt()).isEqualTo(2);
            assertThat(status.json().path("connections").path("remaining").asInt()).isZero();
            assertThat(status.json().path("completedAt").isNull()).isFalse();
        });
        assertThat(fixture.api(other).get("/v1/credentials/mastodon/user-late").json().path("credential").asText())
                .isEqualTo("token-sealed-under-the-old-key");
    }

    private static TenantKeys currentKeys(String tenantId) {
        return fixture.broker().tenants().find(TenantId.of(tenantId)).orElseThrow().keys();
    }

    /** A ConnectionEstablished whose token is sealed under {@code keys}' current key, straight onto the topic. */
    private static void publishSealedUnder(TenantKeys keys, String user, String token) {
        Vault vault = new Vault(LocalKeyFileKms.openOrCreate(dir.resolve("master.key")), Clock.systemUTC());
        ConnectionKey key = ConnectionKey.of(keys.tenant().value(), "mastodon", user);
        ConnectionEstablished established = ConnectionEstablished.newBuilder()
                .setInstance(fixture.sandbox().baseUrl()).setAppRef("none")
                .setAccessToken(SealedBytes.wrap(vault.encrypt(keys,
                        SecretBinding.forConnection(key, Purpose.ACCESS_TOKEN), Secret.of(token))))
                .setTokenType("Bearer").setScopes(List.of("read")).setTokenCreatedAt(Instant.now())
                .setAccount(new AccountInfo("9", "late", "late@example", null, null, null)).build();
        ConnectionEvent event = ConnectionEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setConnection(new ConnectionRef(keys.tenant().value(), "mastodon", user))
                .setOccurredAt(Instant.now()).setPayload(established).build();
        new TopicProbe(fixture.kafkaBootstrap()).send(Topics.CONNECTION_EVENTS, key.asKafkaKey(),
                AvroSerde.of(ConnectionEvent.class, SchemaRegistry.none()).serialize(Topics.CONNECTION_EVENTS, event));
    }

    private static String credential(String user) {
        return fixture.api(tenant).get("/v1/credentials/mastodon/" + user).json().path("credential").asText();
    }
}
