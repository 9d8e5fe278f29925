package io.authpipe.broker.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.MutableClock;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connect sessions over real HTTP, a real Kafka broker and the Mastodon sandbox: what the browser may do with a
 * session token, the connect page's start, the cookie that binds a flow to the browser that clicked, and what the
 * opener learns.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ConnectSessionTest {
    static final String APP_ORIGIN = "https://app.example";
    static final MutableClock CLOCK = new MutableClock();
    static BrokerFixture fixture;
    static TestTenant tenant;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) {
        fixture = BrokerFixture.start(kafka, dir, SandboxConfig.defaults(), Map.of(), CLOCK);
        tenant = fixture.createTenant("sessions");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aPopupSessionConnectsOnceAndTellsItsOpenerWhoConnectedNeverWhatToken() {
        // Given a session the tenant's backend minted, and the page it allowed opening the connect page
        JsonNode session = open("user-popup", Map.of());
        String token = session.path("token").asText();
        String id = session.path("id").asText();
        assertThat(token).matches("cs_[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}").startsWith(id + ".");
        assertThat(session.path("connectUrl").asText()).isEqualTo(fixture.baseUrl() + "/connect#token=" + token);
        JsonNode pending = withToken(token).get("/v1/connect-sessions/" + id).json();
        assertThat(pending.path("status").asText()).isEqualTo("pending");
        assertThat(pending.path("app").path("name").asText()).isEqualTo("Tenant " + tenant.id());

        // When the user types the sandbox's address, clicks, signs in and approves
        SandboxBrowser browser = new SandboxBrowser();
        String authorizeUrl = browser.throughConnectPage(session.path("connectUrl").asText(), Map.of("mode", "popup",
                "instance", fixture.sandbox().baseUrl(), "origin", APP_ORIGIN, "nonce", "nonce-0123456789abcdef"));
        URI callback = browser.approve(authorizeUrl, "alice", "alice-password");
        Api.Reply finish = Api.browse(callback.toString(), browser);

        // Then the finish page reports to the opener's origin, with its nonce, who connected, and no token
        String credential = fixture.api(tenant).get("/v1/credentials/mastodon/user-popup").json()
                .path("credential").asText();
        assertThat(credential).isNotBlank();
        assertThat(finish.status()).isEqualTo(200);
        assertThat(finish.header("Content-Type")).startsWith("text/html");
        assertThat(finish.text()).contains("\"origin\":\"" + APP_ORIGIN + "\"", "\"nonce\":\"nonce-0123456789abcdef\"",
                "\"status\":\"connected\"", "\"connectionId\":\"mastodon:user-popup\"", "\"acct\":\"alice@")
                .doesNotContain(credential);
        // and the session says so to its poll, and starts no second flow
        JsonNode connected = withToken(token).get("/v1/connect-sessions/" + id).json();
        assertThat(connected.path("status").asText()).isEqualTo("connected");
        assertThat(connected.path("connection").path("account").path("acct").asText()).startsWith("alice@");
        assertThat(connected.toString()).doesNotContain(credential);
        Api.Reply again = start(token, id, Map.of("mode", "popup", "instance", fixture.sandbox().baseUrl(),
                "origin", APP_ORIGIN));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("session_completed");
    }

    @Test
    void anAuthorizeLinkOpenedInAnotherBrowserIsRefusedAndNothingIsStored() {
        // Given a victim whose browser approved the tenant's app before (the sandbox then skips its consent page)
        SandboxBrowser victim = new SandboxBrowser();
        fixture.connect(tenant, "victim-earlier", "bob", "bob-password");
        victim.approve(fixture.startConnect(tenant, "victim-warmup", List.of("read")), "bob", "bob-password");

        // When an attacker starts a flow for their own user and gets the victim to open the provider's link
        SandboxBrowser attacker = new SandboxBrowser();
        String link = fixture.startConnect(tenant, "attacker", List.of("read"));
        String providerUrl = attacker.throughConnectPage(link);
        URI callback = victim.approve(providerUrl, "bob", "bob-password");
        Api.Reply page = browseAsPage(callback.toString(), victim);

        // Then the callback refuses the victim's browser with a page saying why, and stores nothing
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text()).contains("browser_mismatch").contains("started in another browser");
        assertThat(fixture.api(tenant).get("/v1/credentials/mastodon/attacker").status()).isEqualTo(404);
        assertThat(fixture.listedConnection(tenant, "attacker")).isNull();
    }

    @Test
    void aSessionIsRefusedToAForeignOriginAWrongTokenAndOnceExpired() {
        JsonNode session = open("user-refused", Map.of("instance", fixture.sandbox().baseUrl()));
        String token = session.path("token").asText();
        String id = session.path("id").asText();

        Api.Reply foreign = start(token, id, Map.of("mode", "popup", "origin", "https://evil.example"));
        Api.Reply noOrigin = start(token, id, Map.of("mode", "popup"));
        Api.Reply wrongToken = start(id + ".guess", id, Map.of("mode", "page"));
        Api.Reply apiKey = withToken(tenant.apiKey()).get("/v1/connect-sessions/" + id);
        Api.Reply redirectWithoutReturn = start(token, id, Map.of("mode", "redirect", "origin", APP_ORIGIN));

        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.error()).isEqualTo("origin_not_allowed");
        assertThat(noOrigin.error()).isEqualTo("origin_not_allowed");
        assertThat(wrongToken.status()).isEqualTo(404);
        assertThat(wrongToken.error()).isEqualTo("unknown_session");
        assertThat(apiKey.status()).isEqualTo(404);
        assertThat(redirectWithoutReturn.error()).isEqualTo("return_to_required");

        CLOCK.advance(ConnectSessionService.MAX_TTL.plusSeconds(1));
        try {
            Api.Reply expired = start(token, id, Map.of("mode", "popup", "origin", APP_ORIGIN));
            assertThat(expired.status()).isEqualTo(410);
            assertThat(expired.error()).isEqualTo("session_expired");
            assertThat(withToken(token).get("/v1/connect-sessions/" + id).json().path("status").asText())
                    .isEqualTo("expired");
        } finally {
            CLOCK.advance(ConnectSessionService.MAX_TTL.negated().minusSeconds(1));
        }
    }

    @Test
    void onlyTheSessionsAllowedOriginsMayReadItCrossOrigin() {
        JsonNode session = open("user-cors", Map.of());
        String path = "/v1/connect-sessions/" + session.path("id").asText();
        Api api = withToken(session.path("token").asText());

        Api.Reply allowed = api.send("GET", path, null, null, Map.of("Origin", APP_ORIGIN));
        Api.Reply other = api.send("GET", path, null, null, Map.of("Origin", "https://evil.example"));
        Api.Reply preflight = api.send("OPTIONS", path, null, null, Map.of("Origin", APP_ORIGIN,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization"));

        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(APP_ORIGIN);
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
    }

    @Test
    void aDenialInRedirectModeReturnsToTheAppAndTheSessionSaysDenied() {
        JsonNode session = open("user-denies", Map.of("instance", fixture.sandbox().baseUrl(),
                "returnTo", tenant.returnTo()));
        SandboxBrowser browser = new SandboxBrowser();
        String authorizeUrl = browser.throughConnectPage(session.path("connectUrl").asText(),
                Map.of("mode", "redirect", "origin", APP_ORIGIN));

        URI callback = browser.deny(authorizeUrl, "bob", "bob-password");
        Api.Reply back = Api.browse(callback.toString(), browser);

        assertThat(back.status()).isEqualTo(302);
        assertThat(back.header("Location")).startsWith(tenant.returnTo()).contains("authpipe_status=error",
                "authpipe_error=access_denied", "authpipe_session=" + session.path("id").asText());
        JsonNode state = withToken(session.path("token").asText())
                .get("/v1/connect-sessions/" + session.path("id").asText()).json();
        assertThat(state.path("status").asText()).isEqualTo("denied");
        assertThat(state.path("error").asText()).isEqualTo("access_denied");
    }

    @Test
    void aSessionIsRefusedAtOnceForWhatWouldRefuseItsFlow() {
        Api.Reply badOrigin = fixture.api(tenant).post("/v1/connect-sessions", Map.of("userId", "u",
                "allowedOrigins", List.of("https://app.example/path")));
        Api.Reply privateInstance = fixture.api(tenant).post("/v1/connect-sessions", Map.of("userId", "u",
                "allowedOrigins", List.of(APP_ORIGIN), "instance", "10.0.0.1"));
        Api.Reply unregisteredReturn = fixture.api(tenant).post("/v1/connect-sessions", Map.of("userId", "u",
                "allowedOrigins", List.of(APP_ORIGIN), "returnTo", "https://evil.example/done"));
        Api.Reply tooLong = fixture.api(tenant).post("/v1/connect-sessions", Map.of("userId", "u",
                "allowedOrigins", List.of(APP_ORIGIN), "expiresInSeconds", 1801));

        assertThat(badOrigin.error()).isEqualTo("invalid_origin");
        assertThat(privateInstance.status()).isEqualTo(403);
        assertThat(privateInstance.error()).isEqualTo("instance_not_allowed");
        assertThat(unregisteredReturn.error()).isEqualTo("return_to_not_registered");
        assertThat(tooLong.error()).isEqualTo("invalid_expires_in");
        assertThatThrownBy(() -> new SandboxBrowser().throughConnectPage(fixture.baseUrl() + "/connect#token=x.y"))
                .hasMessageContaining("404");
    }

    private static JsonNode open(String userId, Map<String, String> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("userId", userId);
        body.put("allowedOrigins", List.of(APP_ORIGIN));
        Api.Reply reply = fixture.api(tenant).post("/v1/connect-sessions", body);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json();
    }

    private static Api withToken(String token) {
        return new Api(fixture.baseUrl(), token);
    }

    private static Api.Reply start(String token, String id, Map<String, String> click) {
        return withToken(token).post("/v1/connect-sessions/" + id + "/start", click);
    }

    private static Api.Reply browseAsPage(String url, SandboxBrowser browser) {
        return new Api(url.substring(0, url.indexOf("/v1/")), null).send("GET", url.substring(url.indexOf("/v1/")),
                null, null, Map.of("Accept", "text/html", "Cookie", browser.cookieHeader(url)));
    }
}
