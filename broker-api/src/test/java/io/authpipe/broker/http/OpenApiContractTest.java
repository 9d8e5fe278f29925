package io.authpipe.broker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.OpenApiContract;
import io.authpipe.broker.testing.SseReader;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /openapi.json} is the document in the API model's jar, and it is true: every answer of a tour through
 * the API (successes and the errors a client must handle) has a documented status and a body its schema accepts.
 */
@ExtendWith(KafkaBrokerExtension.class)
class OpenApiContractTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CREDENTIAL = "/v1/credentials/{provider}/{userId}";
    static final String CONNECTION = "/v1/connections/{provider}/{userId}";
    static final String SECRET = "/v1/secrets/{kind}/{name}";
    static BrokerFixture fixture;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) {
        fixture = BrokerFixture.start(kafka, dir);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void theServedDocumentIsTheModelsAndEveryAnswerMatchesIt() throws IOException {
        Api.Reply served = Api.browse(fixture.baseUrl() + "/openapi.json");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.json()).isEqualTo(bundledDocument());
        assertThat(served.json().path("openapi").asText()).isEqualTo("3.1.0");
        OpenApiContract contract = new OpenApiContract(served.json());
        // the oracle itself refuses what the document does not allow
        assertThatThrownBy(() -> contract.checkComponent("CredentialBody", JSON.readTree("{\"credential\":\"x\"}")))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> contract.check("GET", CREDENTIAL, new Api.Reply(418, JSON.createObjectNode(), "{}",
                Map.of()))).isInstanceOf(AssertionError.class);

        TestTenant tenant = fixture.createTenant("contract");
        Api api = fixture.api(tenant);
        try (SseReader events = SseReader.open(fixture.baseUrl(), tenant.apiKey(), Optional.empty())) {
            contract.checkComponent("StreamReady", JSON.readTree(events.await(f -> f.event().equals("ready"),
                    Duration.ofSeconds(10)).data()));

            contract.check("POST", "/v1/connect", api.post("/v1/connect", Map.of("provider", "mastodon",
                    "userId", "contract-user", "instance", fixture.sandbox().baseUrl(), "scopes", List.of("read"),
                    "returnTo", tenant.returnTo())));
            contract.check("POST", "/v1/connect", api.post("/v1/connect", Map.of("provider", "mastodon")));
            Api.Reply session = api.post("/v1/connect-sessions", Map.of("userId", "contract-user",
                    "allowedOrigins", List.of("https://app.example")));
            contract.check("POST", "/v1/connect-sessions", session);
            contract.check("POST", "/v1/connect-sessions", api.post("/v1/connect-sessions", Map.of("userId", "u",
                    "allowedOrigins", List.of("not an origin"))));
            String sessionPath = "/v1/connect-sessions/" + session.json().path("id").asText();
            Api bySession = new Api(fixture.baseUrl(), session.json().path("token").asText());
            contract.check("GET", "/v1/connect-sessions/{id}", bySession.get(sessionPath));
            contract.check("GET", "/v1/connect-sessions/{id}", api.get(sessionPath));
            contract.check("POST", "/v1/connect-sessions/{id}/start", bySession.post(sessionPath + "/start",
                    Map.of("mode", "popup", "origin", "https://evil.example")));
            contract.check("POST", "/v1/connect-sessions/{id}/start", bySession.post(sessionPath + "/start",
                    Map.of("mode", "page", "instance", fixture.sandbox().baseUrl())));
            assertThat(fixture.connect(tenant, "contract-user", "alice", "alice-password").status()).isIn(302, 303);

            contract.check("GET", CREDENTIAL, api.get("/v1/credentials/mastodon/contract-user"));
            contract.check("GET", CREDENTIAL, api.get("/v1/credentials/mastodon/contract-user?wait=99"));
            contract.check("GET", CREDENTIAL, api.get("/v1/credentials/mastodon/nobody"));
            contract.check("GET", CREDENTIAL, new Api(fixture.baseUrl(), tenant.apiKey() + "x")
                    .get("/v1/credentials/mastodon/contract-user"));
            contract.check("GET", "/v1/connections", api.get("/v1/connections"));
            contract.check("GET", "/v1/connections", api.get("/v1/connections?status=bogus"));
            contract.check("POST", CONNECTION + "/check", api.post("/v1/connections/mastodon/contract-user/check",
                    Map.of("reason", "token_refused", "status", 401)));
            contract.check("PUT", SECRET, api.put("/v1/secrets/app-password/contract", Map.of("secret", "s3cret")));
            contract.check("GET", SECRET, api.get("/v1/secrets/app-password/contract"));
            contract.check("DELETE", SECRET, api.delete("/v1/secrets/app-password/contract"));
            contract.check("GET", SECRET, api.get("/v1/secrets/app-password/contract"));
            Api.Reply issued = api.post("/v1/producer-keys", Map.of());
            contract.check("POST", "/v1/producer-keys", issued);
            contract.check("GET", "/v1/producer-keys", api.get("/v1/producer-keys"));
            String producerKey = "/v1/producer-keys/" + issued.json().path("keyId").asText();
            contract.check("DELETE", "/v1/producer-keys/{keyId}", api.delete(producerKey));
            contract.check("DELETE", "/v1/producer-keys/{keyId}", api.delete(producerKey));
            fixture.revokeInVault(tenant, "contract-user");
            contract.check("GET", CREDENTIAL, api.get("/v1/credentials/mastodon/contract-user"));
            contract.check("POST", CONNECTION + "/check", api.post("/v1/connections/mastodon/contract-user/check",
                    Map.of("reason", "token_refused", "status", 401)));
            contract.check("DELETE", CONNECTION, api.delete("/v1/connections/mastodon/contract-user"));
            contract.check("GET", CREDENTIAL, api.get("/v1/credentials/mastodon/contract-user"));
            contract.check("GET", "/health", Api.browse(fixture.baseUrl() + "/health"));
            contract.check("GET", "/v1/oauth/callback", Api.browse(fixture.baseUrl() + "/v1/oauth/callback?state=x"));

            String metrics = fixture.admin().get("/admin/metrics").text();
            assertThat(metrics).as("requests counted by route template, never by path").contains(
                    "authpipe_http_requests_total{method=\"GET\",route=\"/v1/credentials/{provider}/{userId}\","
                            + "status=\"410\"} 1.0").doesNotContain("contract-user");

            events.await(f -> f.event().equals("connection.revoked"), Duration.ofSeconds(20));
            events.await(f -> f.event().equals("connection.deleted"), Duration.ofSeconds(20));
            for (SseReader.Frame frame : events.frames()) {
                if (!frame.event().equals("ready")) {
                    contract.checkComponent("ConnectionChange", JSON.readTree(frame.data()));
                }
            }
        }
    }

    private static JsonNode bundledDocument() throws IOException {
        try (InputStream in = OpenApi.class.getResourceAsStream(OpenApi.RESOURCE)) {
            return JSON.readTree(in);
        }
    }
}
