package io.authpipe.broker.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad connect request gets a precise 4xx (or 5xx for an unreachable instance) with a JSON error body. */
@ExtendWith(KafkaBrokerExtension.class)
class ConnectValidationTest {
    static BrokerFixture fixture;
    static TestTenant tenant;
    static Api api;
    static int closedPort;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        fixture = BrokerFixture.start(kafka, dir, SandboxConfig.defaults(),
                Map.of("AUTHPIPE_INSTANCE_ALLOWLIST", "127.0.0.1:" + closedPort), Clock.systemUTC());
        tenant = fixture.createTenant("strict");
        api = fixture.api(tenant);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static Map<String, Object> body() {
        Map<String, Object> body = new HashMap<>(Map.of("provider", "mastodon", "userId", "user-1",
                "instance", fixture.sandbox().baseUrl(), "scopes", List.of("read"), "returnTo", tenant.returnTo()));
        return body;
    }

    private static Map<String, Object> body(String field, Object value) {
        Map<String, Object> body = body();
        body.put(field, value);
        return body;
    }

    @Test
    void aRequestWithoutAnApiKeyIsUnauthorized() {
        Api.Reply reply = new Api(fixture.baseUrl(), null).post("/v1/connect", body());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error()).isEqualTo("unauthorized");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aForgedKeyNamingAnExistingTenantIsUnauthorized() {
        Api.Reply reply = new Api(fixture.baseUrl(), "ap_" + tenant.id() + "_forged").get("/v1/connections");

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void malformedJsonIsABadRequestThatSaysWhere() {
        Api.Reply reply = api.post("/v1/connect", "{\"provider\": \"mastodon\", ");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("invalid_json");
        assertThat(reply.json().path("message").asText()).contains("line 1");
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        Api.Reply reply = api.postRaw("/v1/connect", "provider=mastodon", "application/x-www-form-urlencoded");

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.error()).isEqualTo("unsupported_media_type");
    }

    @ParameterizedTest
    @CsvSource({"provider", "userId", "instance", "scopes", "returnTo"})
    void eachMissingFieldIsNamed(String field) {
        Map<String, Object> body = body();
        body.remove(field);

        Api.Reply reply = api.post("/v1/connect", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("missing_field");
        assertThat(reply.json().path("message").asText()).contains("\"" + field + "\"");
    }

    @Test
    void scopesGivenAsAStringAreRefused() {
        Api.Reply reply = api.post("/v1/connect", body("scopes", "read write"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("invalid_field");
    }

    @Test
    void anUnknownScopeIsABadRequest() {
        Api.Reply reply = api.post("/v1/connect", body("scopes", List.of("read", "read:everything")));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("invalid_scope");
        assertThat(reply.json().path("message").asText()).contains("read:everything");
    }

    @Test
    void scopesThatCannotReadTheAccountAreRefusedBecauseItCouldNotBeVerified() {
        Api.Reply reply = api.post("/v1/connect", body("scopes", List.of("write:statuses")));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("invalid_scope");
    }

    @Test
    void anotherProviderIsNotSupportedYet() {
        Api.Reply reply = api.post("/v1/connect", body("provider", "myspace"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("unsupported_provider");
    }

    @Test
    void anUnregisteredReturnToIsRefused() {
        Api.Reply reply = api.post("/v1/connect", body("returnTo", "https://evil.example/connected"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("return_to_not_registered");
    }

    @ParameterizedTest
    @CsvSource({"@alice@mastodon.social", "https://mastodon.social/@alice", "ftp://mastodon.social", "'  '"})
    void aMalformedInstanceIsABadRequest(String instance) {
        Api.Reply reply = api.post("/v1/connect", body("instance", instance));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isIn("invalid_instance", "invalid_field");
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.1", "https://169.254.169.254", "https://localhost:9200", "https://[::1]", "http://93.184.215.14"})
    void instancesTheSsrfGuardRefusesAreForbidden(String instance) {
        Api.Reply reply = api.post("/v1/connect", body("instance", instance));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.error()).isEqualTo("instance_not_allowed");
    }

    @Test
    void anInstanceThatDoesNotResolveIsUnprocessable() {
        Api.Reply reply = api.post("/v1/connect", body("instance", "no-such-instance.invalid"));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.error()).isEqualTo("instance_unresolvable");
    }

    @Test
    void anUnreachableInstanceIsABadGateway() {
        Api.Reply reply = api.post("/v1/connect", body("instance", "http://127.0.0.1:" + closedPort));

        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.error()).isEqualTo("instance_unreachable");
        assertThat(reply.json().path("message").asText()).contains("127.0.0.1:" + closedPort);
    }

    @Test
    void anUnknownConnectionIsNotFound() {
        Api.Reply reply = api.get("/v1/credentials/mastodon/nobody");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("connection_not_found");
    }

    @Test
    void healthSaysOkWhileTheStoresAreQueryable() {
        Api.Reply reply = Api.browse(fixture.baseUrl() + "/health");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("streams").asText()).isEqualTo("running");
    }

    @Test
    void anUnknownEndpointAnswersJson() {
        Api.Reply reply = api.get("/v1/nothing-here");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("not_found");
    }
}
