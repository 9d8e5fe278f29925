package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.sandbox.mastodon.OAuthFixture.RegisteredApp;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /oauth/token}: client authentication, grant types and headers (MASTODON.md §3). */
class TokenEndpointTest {

    private MastodonSandbox sandbox;
    private OAuthFixture oauth;
    private RegisteredApp app;

    @BeforeEach
    void start() {
        sandbox = MastodonSandbox.start(OAuthFixture.relaxed());
        oauth = new OAuthFixture(sandbox);
        app = oauth.registerApp("read write");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aWrongClientSecretIsAnInvalidClientWith401() {
        // When
        Reply reply = oauth.exchange(app, code("read"), Map.of("client_secret", "wrong"));

        // Then
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.text("error")).isEqualTo("invalid_client");
        assertThat(reply.header("WWW-Authenticate")).contains("error=\"invalid_client\"");
    }

    @Test
    void clientSecretBasicAuthenticatesTheClient() {
        // When
        Reply reply = oauth.http().postForm("/oauth/token", Map.of("grant_type", "authorization_code",
                "code", code("read"), "redirect_uri", app.redirectUri()), Map.of("Authorization", basic(app)));

        // Then
        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void mastodon47RefusesTwoClientAuthenticationMechanismsAtOnce() {
        // When
        Reply reply = oauth.http().postForm("/oauth/token", Map.of("grant_type", "client_credentials",
                "client_id", app.clientId(), "client_secret", app.clientSecret()), Map.of("Authorization", basic(app)));

        // Then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("error")).isEqualTo("invalid_request");
        assertThat(reply.text("error_description"))
                .isEqualTo("The request utilizes more than one mechanism for authenticating the client.");
    }

    @Test
    void clientCredentialsAreReusedPerScopeSetAndLimitedToTheAppScopes() {
        // When
        String first = oauth.appToken(app, "read");
        String second = oauth.appToken(app, "read");
        Reply beyond = oauth.http().postForm("/oauth/token", Map.of("grant_type", "client_credentials",
                "scope", "read:accounts", "client_id", app.clientId(), "client_secret", app.clientSecret()));

        // Then
        assertThat(second).isEqualTo(first);
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.text("error")).isEqualTo("invalid_scope");
    }

    @Test
    void thePasswordAndRefreshGrantsAreUnsupportedOnMastodon47() {
        // When
        Reply password = grant("password", Map.of("username", "alice@sandbox.authpipe.test",
                "password", "alice-password"));
        Reply refresh = grant("refresh_token", Map.of("refresh_token", "x"));
        Reply missing = oauth.http().postForm("/oauth/token", Map.of("client_id", app.clientId()));

        // Then
        assertThat(password.status()).isEqualTo(400);
        assertThat(password.text("error")).isEqualTo("unsupported_grant_type");
        assertThat(refresh.text("error")).isEqualTo("unsupported_grant_type");
        assertThat(refresh.text("error_description"))
                .isEqualTo("The authorization grant type is not supported by the authorization server.");
        assertThat(missing.text("error_description")).isEqualTo("Missing required parameter: grant_type.");
    }

    @Test
    void mastodon43StillHasThePasswordGrantAndNoPragmaHeader() {
        try (MastodonSandbox v43 = MastodonSandbox.start(OAuthFixture.relaxed().withVersion(MastodonVersion.V4_3))) {
            // Given
            OAuthFixture old = new OAuthFixture(v43);
            RegisteredApp oldApp = old.registerApp("read");

            // When
            Reply reply = old.http().postForm("/oauth/token", Map.of("grant_type", "password",
                    "username", "alice@sandbox.authpipe.test", "password", "alice-password",
                    "client_id", oldApp.clientId(), "client_secret", oldApp.clientSecret()));

            // Then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("Cache-Control")).isEqualTo("no-store, no-cache");
            assertThat(reply.header("Pragma")).isNull();
        }
    }

    private Reply grant(String type, Map<String, String> params) {
        Map<String, String> form = new java.util.HashMap<>(params);
        form.putAll(Map.of("grant_type", type, "client_id", app.clientId(), "client_secret", app.clientSecret()));
        return oauth.http().postForm("/oauth/token", form);
    }

    private String code(String scope) {
        return OAuthFixture.queryParam(new SandboxBrowser().approve(oauth.authorizeUrl(app, scope), "alice",
                "alice-password"), "code");
    }

    private static String basic(RegisteredApp target) {
        return "Basic " + Base64.getEncoder().encodeToString((target.clientId() + ":" + target.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
    }
}
