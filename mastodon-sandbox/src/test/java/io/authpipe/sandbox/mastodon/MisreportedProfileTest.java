package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.sandbox.mastodon.OAuthFixture.RegisteredApp;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox misreports an account's profile on demand, as a hostile or broken instance would. */
class MisreportedProfileTest {

    private static final String PATH = "/api/v1/accounts/verify_credentials";

    private MastodonSandbox sandbox;
    private OAuthFixture oauth;
    private String alice;
    private String bob;

    @BeforeEach
    void start() {
        sandbox = MastodonSandbox.start(OAuthFixture.relaxed());
        oauth = new OAuthFixture(sandbox);
        RegisteredApp app = oauth.registerApp("read");
        alice = oauth.userToken(app, SandboxUser.ALICE, "read");
        bob = oauth.userToken(app, SandboxUser.BOB, "read");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void overriddenFieldsReplaceTheTruthForThatUserOnly() {
        // Given
        Map<String, Object> hostile = new HashMap<>();
        hostile.put("url", "javascript:alert(1)");
        hostile.put("acct", "Gargron@mastodon.social");
        hostile.put("id", 42);
        hostile.put("display_name", null);

        // When
        sandbox.operator().misreportProfile("ALICE", hostile);
        Reply misreported = oauth.http().get(PATH, alice);

        // Then
        assertThat(misreported.status()).isEqualTo(200);
        assertThat(misreported.text("url")).isEqualTo("javascript:alert(1)");
        assertThat(misreported.text("acct")).isEqualTo("Gargron@mastodon.social");
        assertThat(misreported.json().path("id").isInt()).isTrue();
        assertThat(misreported.json().path("display_name").isNull()).isTrue();
        assertThat(misreported.text("username")).isEqualTo("alice");
        assertThat(oauth.http().get(PATH, bob).text("acct")).isEqualTo("bob");
    }

    @Test
    void overHttpAJsonObjectMisreportsAndDeleteRestores() {
        // When
        Reply set = oauth.http().putJson("/_sandbox/accounts/alice/profile",
                "{\"uri\":\"data:text/html,hi\",\"display_name\":\"Alice\\u202e\\u0000\"}");
        Reply misreported = oauth.http().get(PATH, alice);
        Reply restored = oauth.http().delete("/_sandbox/accounts/alice/profile");

        // Then
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().path("misreported").toString()).isEqualTo("[\"uri\",\"display_name\"]");
        assertThat(misreported.text("uri")).isEqualTo("data:text/html,hi");
        assertThat(misreported.text("display_name")).isEqualTo("Alice\u202e\u0000");
        assertThat(restored.status()).isEqualTo(200);
        assertThat(oauth.http().get(PATH, alice).text("uri")).isEqualTo(sandbox.baseUrl() + "/users/alice");
    }

    @Test
    void aBodyThatIsNotAnObjectIs400AndUnknownUsers404() {
        assertThat(oauth.http().putJson("/_sandbox/accounts/alice/profile", "[1]").status()).isEqualTo(400);
        assertThat(oauth.http().putJson("/_sandbox/accounts/carol/profile", "{}").status()).isEqualTo(404);
        assertThatThrownBy(() -> sandbox.operator().misreportProfile("carol", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
