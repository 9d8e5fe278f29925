package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.sandbox.mastodon.OAuthFixture.RegisteredApp;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/accounts/verify_credentials} status matrix (MASTODON.md §4, §5). */
class VerifyCredentialsTest {

    private static final String PATH = "/api/v1/accounts/verify_credentials";

    private MastodonSandbox sandbox;
    private OAuthFixture oauth;
    private RegisteredApp app;

    @BeforeEach
    void start() {
        sandbox = MastodonSandbox.start(OAuthFixture.relaxed());
        oauth = new OAuthFixture(sandbox);
        app = oauth.registerApp("read write follow profile");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aValidUserTokenReturnsTheCredentialAccount() {
        // Given
        String token = oauth.userToken(app, SandboxUser.ALICE, "profile");

        // When
        Reply reply = oauth.http().get(PATH, token);

        // Then
        JsonNode account = reply.json();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(account.get("id").asText()).matches("\\d+");
        assertThat(account.get("username").asText()).isEqualTo("alice");
        assertThat(account.get("acct").asText()).isEqualTo("alice");
        assertThat(account.get("display_name").asText()).isEqualTo("Alice Example");
        assertThat(account.get("url").asText()).isEqualTo(sandbox.baseUrl() + "/@alice");
        assertThat(account.get("uri").asText()).isEqualTo(sandbox.baseUrl() + "/users/alice");
        assertThat(account.get("source").get("privacy").asText()).isEqualTo("public");
        assertThat(account.get("role").has("permissions")).isTrue();
        assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("100000");
    }

    @Test
    void theTokenIsAlsoAcceptedAsAnAccessTokenParameterAndWithALowerCaseScheme() {
        // Given
        String token = oauth.userToken(app, SandboxUser.ALICE, "read");

        // When
        Reply param = oauth.http().get(PATH + "?access_token=" + token);
        Reply lowerCase = oauth.http().get(PATH, Map.of("Authorization", "bearer " + token));

        // Then
        assertThat(param.status()).isEqualTo(200);
        assertThat(lowerCase.status()).isEqualTo(200);
    }

    @Test
    void anUnknownTokenIs401Invalid() {
        // When
        Reply reply = oauth.http().get(PATH, "unknown");

        // Then
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).isEqualTo("{\"error\":\"The access token is invalid\"}");
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"Doorkeeper\", "
                + "error=\"invalid_token\", error_description=\"The access token is invalid\"");
    }

    @Test
    void aRevokedTokenOfAGermanUserIsReportedInGermanUnlessLangIsEnglish() {
        // Given
        String token = oauth.userToken(app, SandboxUser.BOB, "read");
        sandbox.operator().revokeTokensOf("bob");

        // When
        Reply german = oauth.http().get(PATH, token);
        Reply english = oauth.http().get(PATH + "?lang=en", token);

        // Then
        assertThat(german.status()).isEqualTo(401);
        assertThat(german.text("error")).isEqualTo("Der Zugriffstoken wurde widerrufen");
        assertThat(german.header("WWW-Authenticate"))
                .contains("error_description=\"Der Zugriffstoken wurde widerrufen\"");
        assertThat(english.text("error")).isEqualTo("The access token was revoked");
    }

    @Test
    void mastodon47SanitisesNonAsciiInTheWwwAuthenticateDescriptionButEarlierVersionsDoNot() {
        try (MastodonSandbox v45 = MastodonSandbox.start(OAuthFixture.relaxed().withVersion(MastodonVersion.V4_5))) {
            // Given
            OAuthFixture old = new OAuthFixture(v45);
            String oldToken = old.userToken(old.registerApp("read"), SandboxUser.BOB, "read");
            String token = oauth.userToken(app, SandboxUser.BOB, "read");
            v45.operator().deleteAccount("bob");
            sandbox.operator().deleteAccount("bob");

            // When
            Reply sanitised = oauth.http().get(PATH, Map.of("Authorization", "Bearer " + token,
                    "Accept-Language", "de"));
            Reply raw = old.http().get(PATH, Map.of("Authorization", "Bearer " + oldToken, "Accept-Language", "de"));

            // Then
            assertThat(sanitised.text("error")).isEqualTo("Der Zugriffstoken ist ungültig");
            assertThat(sanitised.header("WWW-Authenticate"))
                    .endsWith("error_description=\"Der Zugriffstoken ist ung_ltig\"");
            assertThat(raw.header("WWW-Authenticate")).endsWith("error_description=\"Der Zugriffstoken ist ungültig\"");
        }
    }

    @Test
    void aSuspendedUserGets403EvenWithARevokedToken() {
        // Given
        String token = oauth.userToken(app, SandboxUser.ALICE, "read");
        sandbox.operator().revokeToken(token);
        sandbox.operator().suspend("alice");

        // When
        Reply suspended = oauth.http().get(PATH, token);
        sandbox.operator().unsuspend("alice");
        Reply unsuspended = oauth.http().get(PATH, token);

        // Then
        assertThat(suspended.status()).isEqualTo(403);
        assertThat(suspended.body()).isEqualTo("{\"error\":\"Your login is currently disabled\"}");
        assertThat(unsuspended.status()).isEqualTo(401);
    }

    @Test
    void suspensionKeepsTheTokenWhichWorksAgainAfterUnsuspending() {
        // Given
        String token = oauth.userToken(app, SandboxUser.ALICE, "read");
        sandbox.operator().suspend("alice");
        Reply suspended = oauth.http().get(PATH, token);

        // When
        sandbox.operator().unsuspend("alice");

        // Then
        assertThat(suspended.status()).isEqualTo(403);
        assertThat(oauth.http().get(PATH, token).status()).isEqualTo(200);
    }

    @Test
    void aDeletedAccountsTokenIs401Invalid() {
        // Given
        String token = oauth.userToken(app, SandboxUser.ALICE, "read");

        // When
        sandbox.operator().deleteAccount("alice");

        // Then
        Reply reply = oauth.http().get(PATH, token);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.text("error")).isEqualTo("The access token is invalid");
    }

    @Test
    void anAppTokenIs422() {
        // Given
        String token = oauth.appToken(app, "read");

        // When
        Reply reply = oauth.http().get(PATH, token);

        // Then
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body()).isEqualTo("{\"error\":\"This method requires an authenticated user\"}");
    }

    @Test
    void aTokenWithoutProfileReadOrReadAccountsIs403WithInsufficientScopeOn47() {
        // Given
        String token = oauth.userToken(app, SandboxUser.ALICE, "write follow");

        // When
        Reply reply = oauth.http().get(PATH, token);

        // Then
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).isEqualTo("{\"error\":\"This action is outside the authorized scopes\"}");
        assertThat(reply.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"");
    }

    @Test
    void appsVerifyCredentialsAcceptsAnAppTokenAndNeverShowsTheSecret() {
        // Given
        String token = oauth.appToken(app, "write");

        // When
        Reply reply = oauth.http().get("/api/v1/apps/verify_credentials", token);

        // Then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().fieldNames()).toIterable().containsExactly("id", "name", "website", "scopes",
                "redirect_uris", "vapid_key", "redirect_uri");
    }
}
