package io.authpipe.broker.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.MastodonVersion;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pre-4.3 Mastodon server has no metadata document and no PKCE, and answers {@code invalid_grant} to a verifier
 * it never got a challenge for (MASTODON.md §3): the flow must send neither.
 */
@ExtendWith(KafkaBrokerExtension.class)
class LegacyServerTest {
    static BrokerFixture fixture;
    static TestTenant tenant;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) {
        fixture = BrokerFixture.start(kafka, dir, SandboxConfig.defaults().withVersion(MastodonVersion.V4_2), Map.of(),
                Clock.systemUTC());
        tenant = fixture.createTenant("legacy");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void theAuthorizeLinkHasNoPkceChallenge() {
        String authorizeUrl = fixture.startConnect(tenant, "user-old", List.of("read"));

        HttpUrl url = HttpUrl.get(new SandboxBrowser().throughConnectPage(authorizeUrl));
        assertThat(url.queryParameter("code_challenge")).isNull();
        assertThat(url.queryParameter("code_challenge_method")).isNull();
        assertThat(url.encodedPath()).isEqualTo("/oauth/authorize");
    }

    @Test
    void theWholeFlowWorksWithoutPkce() {
        String authorizeUrl = fixture.startConnect(tenant, "user-legacy", List.of("read", "write"));
        SandboxBrowser browser = new SandboxBrowser();
        URI callback = browser.approve(authorizeUrl, "bob", "bob-password");

        Api.Reply reply = Api.browse(callback.toString(), browser);

        assertThat(reply.header("Location")).contains("authpipe_status=connected");
        Api.Reply credential = fixture.api(tenant).get("/v1/credentials/mastodon/user-legacy");
        assertThat(credential.status()).isEqualTo(200);
        assertThat(credential.json().path("account").path("username").asText()).isEqualTo("bob");
    }

    @Test
    void aScopeTheOldServerDoesNotKnowIsRefusedByTheServerAtRegistration() {
        Api.Reply reply = fixture.api(tenant).post("/v1/connect", Map.of("provider", "mastodon", "userId", "user-p",
                "instance", fixture.sandbox().baseUrl(), "scopes", List.of("profile"), "returnTo", tenant.returnTo()));

        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.error()).isEqualTo("instance_refused_registration");
        assertThat(reply.json().path("message").asText()).contains("Scopes");
    }
}
