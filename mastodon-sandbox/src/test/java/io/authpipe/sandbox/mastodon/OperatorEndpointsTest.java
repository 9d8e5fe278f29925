package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.sandbox.mastodon.OAuthFixture.RegisteredApp;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code /_sandbox} operator endpoints and {@link SandboxOperator}. */
class OperatorEndpointsTest {

    private static final String PATH = "/api/v1/accounts/verify_credentials";

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
    void revokeTokensOverHttpRevokesEveryTokenOfTheUser() {
        // Given
        String read = oauth.userToken(app, SandboxUser.ALICE, "read");
        String write = oauth.userToken(app, SandboxUser.ALICE, "write");
        String bobs = oauth.userToken(app, SandboxUser.BOB, "read");

        // When
        Reply reply = oauth.http().postForm("/_sandbox/accounts/alice/revoke-tokens", Map.of());

        // Then
        assertThat(reply.body()).isEqualTo("{\"username\":\"alice\",\"revoked\":2}");
        assertThat(oauth.http().get(PATH, read).text("error")).isEqualTo("The access token was revoked");
        assertThat(oauth.http().get(PATH, write).status()).isEqualTo(401);
        assertThat(oauth.http().get(PATH, bobs).status()).isEqualTo(200);
    }

    @Test
    void suspendUnsuspendAndDeleteOverHttpChangeWhatTheApiAnswers() {
        // Given
        String token = oauth.userToken(app, SandboxUser.ALICE, "read");

        // When
        oauth.http().postForm("/_sandbox/accounts/alice/suspend", Map.of());
        int suspended = oauth.http().get(PATH, token).status();
        oauth.http().postForm("/_sandbox/accounts/alice/unsuspend", Map.of());
        int unsuspended = oauth.http().get(PATH, token).status();
        oauth.http().postForm("/_sandbox/accounts/alice/delete", Map.of());
        Reply deleted = oauth.http().get(PATH, token);

        // Then
        assertThat(suspended).isEqualTo(403);
        assertThat(unsuspended).isEqualTo(200);
        assertThat(deleted.text("error")).isEqualTo("The access token is invalid");
    }

    @Test
    void revokingOneTokenByJsonBodyLeavesTheOthers() {
        // Given
        String read = oauth.userToken(app, SandboxUser.ALICE, "read");
        String write = oauth.userToken(app, SandboxUser.ALICE, "write");

        // When
        Reply reply = oauth.http().postJson("/_sandbox/tokens/revoke", "{\"token\":\"" + read + "\"}");

        // Then
        assertThat(reply.body()).isEqualTo("{\"revoked\":true}");
        assertThat(sandbox.operator().activeTokensOf("alice")).containsExactly(write);
    }

    @Test
    void theAccountListShowsStatesAndCountsButNoTokens() {
        // Given
        String token = oauth.userToken(app, SandboxUser.BOB, "read");
        sandbox.operator().suspend("bob");

        // When
        Reply reply = oauth.http().get("/_sandbox/accounts");

        // Then
        assertThat(reply.json().get("apps").asInt()).isEqualTo(1);
        assertThat(reply.json().get("accounts").get(1).get("username").asText()).isEqualTo("bob");
        assertThat(reply.json().get("accounts").get(1).get("suspended").asBoolean()).isTrue();
        assertThat(reply.json().get("accounts").get(1).get("active_tokens").asInt()).isEqualTo(1);
        assertThat(reply.body()).doesNotContain(token);
    }

    @Test
    void unknownUsersAre404OverHttpAndIllegalArgumentsInJava() {
        // When
        Reply reply = oauth.http().postForm("/_sandbox/accounts/carol/suspend", Map.of());

        // Then
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).isEqualTo("{\"error\":\"Record not found\"}");
        assertThatThrownBy(() -> sandbox.operator().suspend("carol")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHelpPageListsUsersAndEndpointsAndUnknownPagesAreHtml404() {
        // When
        Reply help = oauth.http().get("/_sandbox");
        Reply missing = oauth.http().get("/nowhere");

        // Then
        assertThat(help.body()).contains("alice@sandbox.authpipe.test").contains("/_sandbox/tokens/revoke");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("text/html");
    }
}
