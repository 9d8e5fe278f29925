package io.authpipe.broker.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.SandboxBrowser;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Stopping and starting broker-api loses neither credentials nor flows in progress. */
@ExtendWith(KafkaBrokerExtension.class)
class RestartTest {
    BrokerFixture fixture;

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aCredentialAndAHalfFinishedFlowSurviveARestart(EmbeddedKafka kafka, @TempDir Path dir) {
        // Given a connected user and a second user who approved but whose browser has not come back yet
        fixture = BrokerFixture.start(kafka, dir);
        TestTenant tenant = fixture.createTenant("durable");
        fixture.connect(tenant, "user-done", "alice", "alice-password");
        String before = fixture.api(tenant).get("/v1/credentials/mastodon/user-done").json().path("credential").asText();
        SandboxBrowser browser = new SandboxBrowser();
        URI pendingCallback = browser.approve(
                fixture.startConnect(tenant, "user-midway", List.of("read")), "bob", "bob-password");

        // When broker-api restarts (same state directory, key file and instance id)
        fixture.restart();

        // Then the stored credential is still served and the pending flow completes on the new process
        Api.Reply after = fixture.api(tenant).get("/v1/credentials/mastodon/user-done");
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().path("credential").asText()).isEqualTo(before);
        assertThat(Api.browse(pendingCallback.toString(), browser).header("Location")).contains("authpipe_status=connected");
        assertThat(fixture.api(tenant).get("/v1/credentials/mastodon/user-midway").status()).isEqualTo(200);
    }
}
