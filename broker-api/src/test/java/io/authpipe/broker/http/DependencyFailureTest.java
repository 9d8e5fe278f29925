package io.authpipe.broker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kms.emulator.KmsEmulator;
import io.authpipe.sandbox.mastodon.RateLimits;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * KMS and Kafka failing mid-request, for real: the AWS SDK against the KMS emulator's faults, and this test's own
 * Kafka broker stopped and started again. Every such request answers a named 503 with {@code Retry-After}, never a
 * 500, and works again once the dependency is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DependencyFailureTest {
    static Path dir;
    static EmbeddedKafka kafka;
    static KmsEmulator kms;
    static BrokerFixture fixture;

    @BeforeAll
    static void start(@TempDir Path tempDir) {
        dir = tempDir;
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        kms = KmsEmulator.start();
        // a connect failing on the KMS leaves its app registered at the instance: allow the sandbox many
        SandboxConfig sandbox = SandboxConfig.defaults().withRateLimits(new RateLimits(1000, Duration.ofMinutes(10),
                300, 1500, 300, Duration.ofMinutes(5)));
        fixture = BrokerFixture.start(kafka, dir.resolve("broker"), sandbox, Map.of(
                "AUTHPIPE_KMS", "aws",
                "AWS_ENDPOINT_URL_KMS", kms.endpoint().toString(),
                "AWS_REGION", kms.region(),
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test",
                "AUTHPIPE_KAFKA_PUBLISH_TIMEOUT", "2s",
                "AUTHPIPE_APP_REGISTRATIONS_PER_WINDOW", "1000"), Clock.systemUTC());
    }

    @AfterEach
    void kmsBack() {
        kms.setAvailability(KmsEmulator.Availability.UP);
    }

    @AfterAll
    static void stop() {
        fixture.close();
        kms.close();
        kafka.close();
    }

    @Test
    @Order(1)
    void aConnectNeedingTheKmsDuringAnyKmsFaultIsA503NamingIt() {
        List<KmsEmulator.Availability> faults = List.of(KmsEmulator.Availability.DROP,
                KmsEmulator.Availability.INTERNAL_ERROR, KmsEmulator.Availability.THROTTLING);
        // creating a tenant seals its first secret (broker-api's producer key), so its data key is cached: a restart
        // forgets it, and each tenant's first connect needs the KMS again
        Map<KmsEmulator.Availability, TestTenant> tenants = new java.util.EnumMap<>(KmsEmulator.Availability.class);
        faults.forEach(fault -> tenants.put(fault, fixture.createTenant("kms-" + fault.ordinal())));
        fixture.restart();
        for (KmsEmulator.Availability fault : faults) {
            TestTenant fresh = tenants.get(fault);
            kms.setAvailability(fault);

            Api.Reply connect = connect(fresh, "user-1");

            assertKmsUnavailable(connect, fault.name());
            kms.setAvailability(KmsEmulator.Availability.UP);
            assertThat(connect(fresh, "user-1").status()).as("after " + fault).isEqualTo(200);
        }
    }

    @Test
    @Order(2)
    void afterARestartReadsAndCallbacksNeedingTheKmsAre503sWhileItIsDown() {
        TestTenant tenant = fixture.createTenant("kms-restart");
        fixture.connect(tenant, "user-1", "alice", "alice-password");
        fixture.api(tenant).put("/v1/secrets/app-password/app", Map.of("secret", "s3cr3t"));
        SandboxBrowser browser = new SandboxBrowser();
        URI callback = browser.approve(fixture.startConnect(tenant, "user-2", List.of("read", "write")),
                "bob", "bob-password");
        fixture.restart(); // no data key cached any more

        kms.setAvailability(KmsEmulator.Availability.DROP);
        Api.Reply credential = fixture.api(tenant).get("/v1/credentials/mastodon/user-1");
        Api.Reply secret = fixture.api(tenant).get("/v1/secrets/app-password/app");
        Api.Reply finished = Api.browse(callback.toString(), browser);

        for (Api.Reply reply : List.of(credential, secret, finished)) {
            assertKmsUnavailable(reply, "DROP");
        }
        kms.setAvailability(KmsEmulator.Availability.UP);
        assertThat(fixture.api(tenant).get("/v1/credentials/mastodon/user-1").status()).isEqualTo(200);
        assertThat(fixture.api(tenant).get("/v1/secrets/app-password/app").status()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void whileKafkaIsDownChangesAre503sNamingKafkaAndReadsGoOn() {
        TestTenant tenant = fixture.createTenant("kafka-down");
        fixture.connect(tenant, "user-1", "alice", "alice-password");
        int port = Integer.parseInt(kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':') + 1));
        kafka.close();

        List<Api.Reply> changes = List.of(
                fixture.api(tenant).put("/v1/secrets/app-password/down", Map.of("secret", "s3cr3t")),
                fixture.api(tenant).post("/v1/connections/mastodon/user-1/check", Map.of("reason", "operator")),
                connect(tenant, "user-2"),
                fixture.api(tenant).delete("/v1/connections/mastodon/user-1"));
        Api.Reply read = fixture.api(tenant).get("/v1/credentials/mastodon/user-1");

        for (Api.Reply change : changes) {
            assertThat(change.status()).as(change.text()).isEqualTo(503);
            assertThat(change.error()).isEqualTo("kafka_unavailable");
            assertThat(change.header("Retry-After")).isNotNull();
        }
        assertThat(read.status()).as("served from the local store").isEqualTo(200);

        kafka = EmbeddedKafka.start(dir.resolve("kafka"), port);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> fixture.api(tenant)
                .put("/v1/secrets/app-password/down", Map.of("secret", "s3cr3t")).status() == 200);
    }

    private static Api.Reply connect(TestTenant tenant, String userId) {
        return fixture.api(tenant).post("/v1/connect", Map.of("provider", "mastodon", "userId", userId,
                "instance", fixture.sandbox().baseUrl(), "scopes", List.of("read"), "returnTo", tenant.returnTo()));
    }

    private static void assertKmsUnavailable(Api.Reply reply, String fault) {
        assertThat(reply.status()).as(fault + ": " + reply.text()).isEqualTo(503);
        assertThat(reply.error()).isEqualTo("kms_unavailable");
        assertThat(reply.header("Retry-After")).isNotNull();
    }
}
