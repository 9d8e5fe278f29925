package io.authpipe.broker.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.kafka.testing.TopicScanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Webhook signing secrets and app passwords: stored sealed, read back only by their tenant. */
@ExtendWith(KafkaBrokerExtension.class)
class TenantSecretsTest {
    static BrokerFixture fixture;
    static EmbeddedKafka broker;
    static TestTenant tenant;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) {
        broker = kafka;
        fixture = BrokerFixture.start(kafka, dir);
        tenant = fixture.createTenant("keeper");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aStoredSecretIsReadBackAndNeverLiesInATopicInPlaintext() {
        String secret = "whsec-" + java.util.UUID.randomUUID();

        Api.Reply stored = fixture.api(tenant).put("/v1/secrets/webhook-signing-secret/orders", Map.of("secret", secret));
        Api.Reply read = fixture.api(tenant).get("/v1/secrets/webhook-signing-secret/orders");

        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.text()).doesNotContain(secret);
        assertThat(read.json().path("secret").asText()).isEqualTo(secret);
        assertThat(TopicScanner.topicsContaining(broker.bootstrapServers(), secret.getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    void anAppPasswordIsKeptPerNameAndCanBeDeleted() {
        fixture.api(tenant).put("/v1/secrets/app-password/bluesky:user-1", Map.of("secret", "abcd-efgh-ijkl-mnop"));

        Api.Reply deleted = fixture.api(tenant).delete("/v1/secrets/app-password/bluesky:user-1");
        Api.Reply gone = fixture.api(tenant).get("/v1/secrets/app-password/bluesky:user-1");

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.error()).isEqualTo("secret_not_found");
    }

    @Test
    void anotherTenantCannotReadIt() {
        fixture.api(tenant).put("/v1/secrets/webhook-signing-secret/private", Map.of("secret", "mine-only"));
        TestTenant other = fixture.createTenant("snoop");

        assertThat(fixture.api(other).get("/v1/secrets/webhook-signing-secret/private").status()).isEqualTo(404);
    }

    @Test
    void badKindsNamesAndBodiesArePreciseErrors() {
        assertThat(fixture.api(tenant).put("/v1/secrets/diary/x", Map.of("secret", "s")).error())
                .isEqualTo("unknown_kind");
        assertThat(fixture.api(tenant).put("/v1/secrets/app-password/has space", Map.of("secret", "s")).error())
                .isEqualTo("invalid_name");
        assertThat(fixture.api(tenant).put("/v1/secrets/app-password/ok", Map.of("nope", "s")).error())
                .isEqualTo("missing_field");
        assertThat(fixture.api(tenant).put("/v1/secrets/app-password/ok", Map.of("secret", "x".repeat(4097))).status())
                .isEqualTo(400);
    }
}
