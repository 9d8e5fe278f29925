package io.authpipe.broker.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The whole connect flow over real HTTP, a real Kafka broker and the Mastodon sandbox. */
@ExtendWith(KafkaBrokerExtension.class)
class ConnectFlowTest {
    static final MutableClock CLOCK = new MutableClock();
    static BrokerFixture fixture;
    static TestTenant tenant;
    private final SandboxBrowser browser = new SandboxBrowser();

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) {
        fixture = BrokerFixture.start(kafka, dir, SandboxConfig.defaults(), Map.of(), CLOCK);
        tenant = fixture.createTenant("acme");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aConnectedAccountYieldsACredentialTheInstanceAccepts() {
        // Given a user who signs in at the sandbox and approves
        Api.Reply callback = fixture.connect(tenant, "user-1", "alice", "alice-password");

        // Then the browser goes back to the tenant's returnTo with the outcome
        assertThat(callback.status()).isEqualTo(302);
        assertThat(callback.header("Location")).startsWith(BrokerFixture.RETURN_TO)
                .contains("authpipe_status=connected").contains("authpipe_user=user-1");

        // And getCredential returns a token the instance accepts
        Api.Reply credential = fixture.api(tenant).get("/v1/credentials/mastodon/user-1");
        assertThat(credential.status()).isEqualTo(200);
        assertThat(credential.json().path("status").asText()).isEqualTo("active");
        assertThat(credential.json().path("tokenType").asText()).isEqualTo("Bearer");
        assertThat(credential.json().path("version").asLong()).isEqualTo(1);
        assertThat(credential.json().path("account").path("username").asText()).isEqualTo("alice");
        assertThat(credential.json().path("account").path("acct").asText())
                .isEqualTo("alice@" + fixture.sandbox().config().localDomain());
        assertThat(verifyAtSandbox(credential.json().path("credential").asText())).isEqualTo(200);
    }

    @Test
    void anInstanceThatMisreportsTheAccountFailsVerificationNothingIsStoredAndTheTokenIsRevoked() {
        // Given an instance that puts a script in the profile link and claims another server's user
        int revokedBefore = fixture.sandbox().operator().tokensRevoked();
        fixture.sandbox().operator().misreportProfile("alice", Map.of("url", "javascript:fetch('//evil.example')",
                "acct", "Gargron@mastodon.social"));
        try {
            // When the user approves
            Api.Reply callback = fixture.connect(tenant, "user-misreported", "alice", "alice-password");

            // Then the flow ends with verification_failed and no connection exists
            assertThat(callback.status()).isEqualTo(302);
            assertThat(callback.header("Location")).contains("authpipe_status=error")
                    .contains("authpipe_error=verification_failed");
            assertThat(fixture.api(tenant).get("/v1/credentials/mastodon/user-misreported").status()).isEqualTo(404);
            assertThat(fixture.listedConnection(tenant, "user-misreported")).isNull();
            assertThat(fixture.sandbox().operator().tokensRevoked()).isEqualTo(revokedBefore + 1);
        } finally {
            fixture.sandbox().operator().misreportProfile("alice", Map.of());
        }
    }

    @Test
    void aDeniedAuthorizationRedirectsWithAccessDeniedAndStoresNothing() {
        String authorizeUrl = fixture.startConnect(tenant, "user-denied", List.of("read"));

        URI callback = browser.deny(authorizeUrl, "bob", "bob-password");
        Api.Reply reply = Api.browse(callback.toString(), browser);

        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.header("Location")).contains("authpipe_status=error").contains("authpipe_error=access_denied");
        assertThat(fixture.api(tenant).get("/v1/credentials/mastodon/user-denied").status()).isEqualTo(404);
    }

    @Test
    void aReplayedStateIsRefusedWithoutARedirect() {
        String authorizeUrl = fixture.startConnect(tenant, "user-replay", List.of("read"));
        URI callback = browser.approve(authorizeUrl, "alice", "alice-password");
        assertThat(Api.browse(callback.toString(), browser).status()).isEqualTo(302);

        Api.Reply replay = Api.browse(callback.toString(), browser);

        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.error()).isEqualTo("state_already_used");
        assertThat(replay.header("Location")).isNull();
    }

    @Test
    void aStateFromAnotherTenantIsRefusedAndStaysUsableForItsOwner() {
        TestTenant other = fixture.createTenant("other");
        String authorizeUrl = fixture.startConnect(tenant, "user-bound", List.of("read"));
        URI callback = browser.approve(authorizeUrl, "alice", "alice-password");
        String forged = callback.toString().replace("tenant=" + tenant.id(), "tenant=" + other.id());

        Api.Reply refused = Api.browse(forged, browser);
        Api.Reply owner = Api.browse(callback.toString(), browser);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("state_tenant_mismatch");
        assertThat(owner.header("Location")).contains("authpipe_status=connected");
    }

    @Test
    void aStateUsedAfterTheTenMinuteCodeLifetimeRedirectsWithExpired() {
        String authorizeUrl = fixture.startConnect(tenant, "user-slow", List.of("read"));
        URI callback = browser.approve(authorizeUrl, "alice", "alice-password");

        CLOCK.advance(Duration.ofMinutes(10).plusSeconds(1));
        Api.Reply reply = Api.browse(callback.toString(), browser);

        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.header("Location")).contains("authpipe_status=error")
                .contains("authpipe_error=authorization_expired");
        assertThat(fixture.api(tenant).get("/v1/credentials/mastodon/user-slow").status()).isEqualTo(404);
    }

    @Test
    void theLinkOpensTheConnectPageWhoseClickGivesAnAuthorizeUrlWithAPkceS256Challenge() {
        Api.Reply reply = fixture.api(tenant).post("/v1/connect", Map.of("provider", "mastodon", "userId", "user-pkce",
                "instance", fixture.sandbox().baseUrl(), "scopes", List.of("read", "read"),
                "returnTo", tenant.returnTo()));
        String link = reply.json().path("authorizeUrl").asText();
        assertThat(link).startsWith(fixture.baseUrl() + "/connect#token=cs_");

        okhttp3.HttpUrl url = okhttp3.HttpUrl.get(browser.throughConnectPage(link));
        assertThat(url.toString()).startsWith(fixture.sandbox().baseUrl() + "/oauth/authorize?");
        assertThat(url.queryParameter("code_challenge_method")).isEqualTo("S256");
        assertThat(url.queryParameter("code_challenge")).hasSize(43);
        assertThat(url.queryParameter("scope")).isEqualTo("read");
        assertThat(url.queryParameter("state")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(url.queryParameter("redirect_uri")).endsWith("/v1/oauth/callback?tenant=" + tenant.id());
        java.time.Instant expiresAt = java.time.Instant.parse(reply.json().path("expiresAt").asText());
        assertThat(expiresAt).isBetween(CLOCK.instant().plus(Duration.ofMinutes(29)),
                CLOCK.instant().plus(Duration.ofMinutes(30)));
    }

    @Test
    void anUnknownStateIsRefused() {
        Api.Reply reply = Api.browse(fixture.baseUrl() + "/v1/oauth/callback?tenant=" + tenant.id()
                + "&state=not-a-real-state&code=abc");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("unknown_state");
    }

    @Test
    void deletingRevokesAtTheInstanceAndForgetsTheConnection() {
        fixture.connect(tenant, "user-leaving", "bob", "bob-password");
        String token = fixture.api(tenant).get("/v1/credentials/mastodon/user-leaving").json().path("credential").asText();

        Api.Reply deleted = fixture.api(tenant).delete("/v1/connections/mastodon/user-leaving");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("providerRevocation").asText()).isEqualTo("revoked");
        assertThat(verifyAtSandbox(token)).isEqualTo(401);
        Api.Reply gone = fixture.api(tenant).get("/v1/credentials/mastodon/user-leaving");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.error()).isEqualTo("connection_not_found");
    }

    @Test
    void connectionsAreListedAndFilteredByStatus() {
        fixture.connect(tenant, "user-listed", "alice", "alice-password");

        Api.Reply all = fixture.api(tenant).get("/v1/connections");
        Api.Reply revoked = fixture.api(tenant).get("/v1/connections?status=revoked");
        Api.Reply invalid = fixture.api(tenant).get("/v1/connections?status=sleepy");

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().path("connections").findValuesAsText("userId")).contains("user-listed");
        assertThat(all.text()).doesNotContain("credential");
        assertThat(revoked.json().path("connections").findValuesAsText("userId")).doesNotContain("user-listed");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.error()).isEqualTo("invalid_status");
    }

    private static int verifyAtSandbox(String token) {
        OkHttpClient http = new OkHttpClient();
        Request request = new Request.Builder().url(fixture.sandbox().baseUrl() + "/api/v1/accounts/verify_credentials")
                .header("Authorization", "Bearer " + token).build();
        try (Response response = http.newCall(request).execute()) {
            return response.code();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
