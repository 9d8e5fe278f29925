package io.authpipe.broker.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.kms.emulator.KmsEmulator;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole connect flow with the vault on AWS KMS: the real AWS SDK against the KMS emulator over HTTP. Each tenant
 * gets its own KMS key; KMS never sees a token; an outage does not stop reads of credentials whose keys are cached.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AwsKmsVaultTest {
    static KmsEmulator kms;
    static BrokerFixture fixture;
    static TestTenant tenant;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) {
        kms = KmsEmulator.start();
        fixture = BrokerFixture.start(kafka, dir, SandboxConfig.defaults(), Map.of(
                "AUTHPIPE_KMS", "aws",
                "AWS_ENDPOINT_URL_KMS", kms.endpoint().toString(),
                "AWS_REGION", kms.region(),
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test"), Clock.systemUTC());
        tenant = fixture.createTenant("aws");
    }

    @AfterEach
    void backUp() {
        kms.setAvailability(KmsEmulator.Availability.UP);
    }

    @AfterAll
    static void stop() {
        fixture.close();
        kms.close();
    }

    @Test
    void aConnectedCredentialIsSealedUnderTheTenantsOwnKmsKey() {
        long keysBefore = kms.callCount("CreateKey");
        TestTenant other = fixture.createTenant("aws-other");

        fixture.connect(other, "user-1", "alice", "alice-password");
        Api.Reply credential = fixture.api(other).get("/v1/credentials/mastodon/user-1");

        assertThat(credential.status()).isEqualTo(200);
        assertThat(kms.callCount("CreateKey")).isEqualTo(keysBefore + 1);
        assertThat(kms.callCount("GenerateDataKey")).isPositive();
        String token = credential.json().path("credential").asText();
        assertThat(kms.requestBodies()).noneMatch(b -> new String(b, StandardCharsets.UTF_8).contains(token));
        assertThat(logs()).doesNotContain(token);
    }

    private static String logs() {
        try {
            return java.nio.file.Files.readString(Path.of("target", "test-logs", "broker-api-tests.log"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void duringAKmsOutageCachedCredentialsAreServedAndUncachedWorkFailsFastNamingKms() {
        fixture.connect(tenant, "user-outage", "bob", "bob-password");
        assertThat(fixture.api(tenant).get("/v1/credentials/mastodon/user-outage").status()).isEqualTo(200);

        kms.setAvailability(KmsEmulator.Availability.DROP);
        Api.Reply cached = fixture.api(tenant).get("/v1/credentials/mastodon/user-outage");
        Api.Reply newTenant = fixture.admin().post("/admin/v1/tenants", Map.of("tenantId", "during-outage",
                "displayName", "x", "returnUrls", java.util.List.of(BrokerFixture.RETURN_TO)));

        assertThat(cached.status()).isEqualTo(200);
        assertThat(newTenant.status()).isEqualTo(503);
        assertThat(newTenant.error()).isEqualTo("kms_unavailable");
        assertThat(newTenant.json().path("message").asText()).contains("KMS");
        assertThat(newTenant.header("Retry-After")).isNotNull();
    }
}
