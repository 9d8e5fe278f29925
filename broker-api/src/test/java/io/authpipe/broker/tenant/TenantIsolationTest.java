package io.authpipe.broker.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A tenant can never see or touch another tenant's connections. */
@ExtendWith(KafkaBrokerExtension.class)
class TenantIsolationTest {
    static BrokerFixture fixture;
    static TestTenant first;
    static TestTenant second;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) {
        fixture = BrokerFixture.start(kafka, dir);
        first = fixture.createTenant("first");
        second = fixture.createTenant("second");
        fixture.connect(first, "shared-user-id", "alice", "alice-password");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void anotherTenantGetsNotFoundForTheSameUserId() {
        Api.Reply mine = fixture.api(first).get("/v1/credentials/mastodon/shared-user-id");
        Api.Reply theirs = fixture.api(second).get("/v1/credentials/mastodon/shared-user-id");

        assertThat(mine.status()).isEqualTo(200);
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(theirs.text()).doesNotContain(mine.json().path("credential").asText());
    }

    @Test
    void anotherTenantsListingDoesNotShowTheConnection() {
        Api.Reply listing = fixture.api(second).get("/v1/connections");

        assertThat(listing.status()).isEqualTo(200);
        assertThat(listing.json().path("connections").findValuesAsText("userId")).doesNotContain("shared-user-id");
    }

    @Test
    void anotherTenantCannotDisconnectIt() {
        Api.Reply delete = fixture.api(second).delete("/v1/connections/mastodon/shared-user-id");

        assertThat(delete.status()).isEqualTo(404);
        assertThat(fixture.api(first).get("/v1/credentials/mastodon/shared-user-id").status()).isEqualTo(200);
    }

    @Test
    void anotherTenantsKeyWithThisTenantsIdIsRefused() {
        String forged = second.apiKey().replace(second.id(), first.id());

        Api.Reply reply = new Api(fixture.baseUrl(), forged).get("/v1/credentials/mastodon/shared-user-id");

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void theAdminApiRefusesAWrongTokenAndDuplicateOrMalformedTenants() {
        Api.Reply wrongToken = new Api(fixture.baseUrl(), "nope").post("/admin/v1/tenants", Map.of());
        Api.Reply duplicate = fixture.admin().post("/admin/v1/tenants", Map.of("tenantId", first.id(),
                "displayName", "again", "returnUrls", List.of(BrokerFixture.RETURN_TO)));
        Api.Reply badId = fixture.admin().post("/admin/v1/tenants", Map.of("tenantId", "Not Valid!",
                "displayName", "x", "returnUrls", List.of(BrokerFixture.RETURN_TO)));
        Api.Reply badUrl = fixture.admin().post("/admin/v1/tenants", Map.of("tenantId", "ok-id",
                "displayName", "x", "returnUrls", List.of("javascript:alert(1)")));

        assertThat(wrongToken.status()).isEqualTo(401);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.error()).isEqualTo("tenant_exists");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badUrl.status()).isEqualTo(400);
    }

    @Test
    void aReissuedKeyReplacesTheOldOne() {
        TestTenant rotating = fixture.createTenant("rotating");

        Api.Reply reissued = fixture.admin().post("/admin/v1/tenants/" + rotating.id() + "/api-key", "");

        assertThat(reissued.status()).isEqualTo(200);
        String newKey = reissued.json().path("apiKey").asText();
        assertThat(new Api(fixture.baseUrl(), rotating.apiKey()).get("/v1/connections").status()).isEqualTo(401);
        assertThat(new Api(fixture.baseUrl(), newKey).get("/v1/connections").status()).isEqualTo(200);
    }
}
