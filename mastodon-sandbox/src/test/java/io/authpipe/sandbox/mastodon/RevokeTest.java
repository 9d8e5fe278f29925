package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.sandbox.mastodon.OAuthFixture.RegisteredApp;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /oauth/revoke} per the MASTODON.md §4 table. */
class RevokeTest {

    private static final String REFUSED = "{\"error\":\"unauthorized_client\","
            + "\"error_description\":\"You are not authorized to revoke this token\"}";

    private static MastodonSandbox sandbox;
    private static OAuthFixture oauth;

    @BeforeAll
    static void start() {
        sandbox = MastodonSandbox.start(OAuthFixture.relaxed());
        oauth = new OAuthFixture(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void revokingOwnTokenMakesTheApiAnswerRevoked() {
        // Given
        RegisteredApp app = oauth.registerApp("read");
        String token = oauth.userToken(app, SandboxUser.ALICE, "read");

        // When
        Reply reply = revoke(app, Map.of("token", token));

        // Then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{}");
        Reply api = oauth.http().get("/api/v1/accounts/verify_credentials", token);
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.text("error")).isEqualTo("The access token was revoked");
    }

    @Test
    void revokingTwiceIsStill200() {
        // Given
        RegisteredApp app = oauth.registerApp("read write");
        String token = oauth.userToken(app, SandboxUser.ALICE, "read write");
        revoke(app, Map.of("token", token));

        // When
        Reply again = revoke(app, Map.of("token", token));

        // Then
        assertThat(again.status()).isEqualTo(200);
    }

    @Test
    void anUnknownOrBlankTokenIs200WhenTheClientAuthenticates() {
        // Given
        RegisteredApp app = oauth.registerApp("read");

        // When
        Reply unknown = revoke(app, Map.of("token", "no-such-token"));
        Reply blank = revoke(app, Map.of());

        // Then
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(blank.status()).isEqualTo(200);
    }

    @Test
    void missingOrWrongClientAuthenticationIs403() {
        // Given
        RegisteredApp app = oauth.registerApp("read");
        String token = oauth.userToken(app, SandboxUser.BOB, "read");

        // When
        Reply missing = oauth.http().postForm("/oauth/revoke", Map.of("token", token));
        Reply wrong = revoke(app, Map.of("token", token, "client_secret", "wrong"));

        // Then
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.body()).isEqualTo(REFUSED);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(oauth.http().get("/api/v1/accounts/verify_credentials", token).status()).isEqualTo(200);
    }

    @Test
    void anotherAppsTokenIs403AndStaysValid() {
        // Given
        RegisteredApp owner = oauth.registerApp("read");
        RegisteredApp stranger = oauth.registerApp("read");
        String token = oauth.userToken(owner, SandboxUser.BOB, "read");

        // When
        Reply reply = revoke(stranger, Map.of("token", token));

        // Then
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).isEqualTo(REFUSED);
        assertThat(oauth.http().get("/api/v1/accounts/verify_credentials", token).status()).isEqualTo(200);
    }

    private static Reply revoke(RegisteredApp app, Map<String, String> params) {
        Map<String, String> form = new HashMap<>(Map.of("client_id", app.clientId(),
                "client_secret", app.clientSecret()));
        form.putAll(params);
        return oauth.http().postForm("/oauth/revoke", form);
    }
}
