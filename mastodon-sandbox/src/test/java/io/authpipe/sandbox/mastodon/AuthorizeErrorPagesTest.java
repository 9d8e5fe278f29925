package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.sandbox.mastodon.OAuthFixture.RegisteredApp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Authorize-time errors are HTML pages with the description, 401 or 400, never redirects (MASTODON.md §2). */
class AuthorizeErrorPagesTest {

    private static MastodonSandbox sandbox;
    private static OAuthFixture oauth;
    private static RegisteredApp app;
    private static RegisteredApp writeOnlyApp;

    @BeforeAll
    static void start() {
        sandbox = MastodonSandbox.start(OAuthFixture.relaxed());
        oauth = new OAuthFixture(sandbox);
        app = oauth.registerApp("read write");
        writeOnlyApp = oauth.registerApp("write");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing client_id      | 400 | Missing required parameter: client_id.",
        "unknown client         | 401 | Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.",
        "unregistered redirect  | 400 | The redirect uri included is not valid.",
        "missing response_type  | 400 | Missing required parameter: response_type.",
        "token response_type    | 400 | The authorization server does not support this response type.",
        "unknown response_mode  | 400 | The authorization server does not support this response mode.",
        "scope beyond the app   | 400 | The requested scope is invalid, unknown, or malformed.",
        "tab in scope           | 400 | The requested scope is invalid, unknown, or malformed.",
        "plain PKCE method      | 400 | The code_challenge_method must be S256.",
        "PKCE without a method  | 400 | The code_challenge_method must be S256.",
    })
    void anInvalidAuthorizeRequestRendersTheDescriptionAndIsNeverRedirected(String label, int status, String text) {
        // Given
        String url = sandbox.baseUrl() + "/oauth/authorize?" + query(broken(label));

        // When
        SandboxBrowser.Page page = new SandboxBrowser().open(url, "alice", "alice-password");

        // Then
        assertThat(page.status()).isEqualTo(status);
        assertThat(page.location()).isNull();
        assertThat(page.body()).contains("<p class=\"error-description\">" + text.replace("'", "&#39;") + "</p>");
    }

    @Test
    void theDefaultScopeIsInvalidForAnAppWithoutRead() {
        // Given
        String url = oauth.authorizeUrl(writeOnlyApp, Map.of());

        // When
        SandboxBrowser.Page page = new SandboxBrowser().open(url, "alice", "alice-password");

        // Then
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("The requested scope is invalid, unknown, or malformed.");
    }

    @Test
    void mastodon45UsesTheOlderCodeChallengeMethodText() {
        try (MastodonSandbox v45 = MastodonSandbox.start(OAuthFixture.relaxed().withVersion(MastodonVersion.V4_5))) {
            // Given
            OAuthFixture fixture = new OAuthFixture(v45);
            RegisteredApp oldApp = fixture.registerApp("read");
            String url = fixture.authorizeUrl(oldApp, Map.of("scope", "read", "code_challenge", "abc",
                    "code_challenge_method", "plain"));

            // When
            SandboxBrowser.Page page = new SandboxBrowser().open(url, "alice", "alice-password");

            // Then
            assertThat(page.status()).isEqualTo(400);
            assertThat(page.body()).contains("The code challenge method must be S256, plain is unsupported.");
        }
    }

    private static Map<String, String> broken(String label) {
        Map<String, String> params = new LinkedHashMap<>(Map.of("client_id", app.clientId(),
                "redirect_uri", app.redirectUri(), "response_type", "code", "scope", "read"));
        switch (label) {
            case "missing client_id" -> params.remove("client_id");
            case "unknown client" -> params.put("client_id", "unknown");
            case "unregistered redirect" -> params.put("redirect_uri", "https://evil.example/callback");
            case "missing response_type" -> params.remove("response_type");
            case "token response_type" -> params.put("response_type", "token");
            case "unknown response_mode" -> params.put("response_mode", "web_message");
            case "scope beyond the app" -> params.put("scope", "read follow");
            case "tab in scope" -> params.put("scope", "read\twrite");
            case "plain PKCE method" -> params.putAll(Map.of("code_challenge", "abc", "code_challenge_method",
                    "plain"));
            case "PKCE without a method" -> params.put("code_challenge", "abc");
            default -> throw new IllegalArgumentException(label);
        }
        return params;
    }

    private static String query(Map<String, String> params) {
        StringBuilder query = new StringBuilder();
        params.forEach((key, value) -> query.append(key).append('=')
                .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)).append('&'));
        return query.toString();
    }
}
