package io.authpipe.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.mastodon.AppRegistrationOutcome.Unavailable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An app registration the instance does not answer usefully (a redirect, a 5xx, a challenge page, a 200 without
 * credentials, silence, nobody listening) is {@link Unavailable}, a value: nothing is thrown at the connect flow.
 */
class MastodonClientRegistrationFailureTest {
    private static final String HTML = "<html><body>Checking your browser before accessing…</body></html>";

    @Test
    void aRedirectIsUnavailable() {
        assertUnavailable(302, "text/html", "<a href=\"https://elsewhere.example/\">moved</a>", "HTTP 302");
    }

    @Test
    void aServerErrorIsUnavailable() {
        assertUnavailable(500, "application/json", "{\"error\":\"boom\"}", "HTTP 500");
        assertUnavailable(503, "text/html", HTML, "HTTP 503");
    }

    @Test
    void aPageThatIsNotJsonIsUnavailable() {
        assertUnavailable(200, "text/html", HTML, "not JSON");
    }

    @Test
    void aSuccessWithoutClientCredentialsIsUnavailable() {
        assertUnavailable(200, "application/json", "{\"id\":\"1\",\"name\":\"Authpipe\"}",
                "without client credentials");
    }

    @Test
    void anInstanceThatNeverAnswersIsUnavailableAfterTheTimeout() throws IOException {
        // Given: the kernel accepts the connection into the backlog, nobody ever reads or answers
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            String authority = "127.0.0.1:" + silent.getLocalPort();
            MastodonClient client = SandboxFixture.clientAllowing(authority, Clock.systemUTC(),
                    Duration.ofMillis(300));

            // When
            AppRegistrationOutcome outcome = register(client, authority);

            // Then
            assertThat(outcome).isInstanceOfSatisfying(Unavailable.class,
                    u -> assertThat(u.reason()).contains("http://" + authority).contains("unreachable"));
        }
    }

    @Test
    void anInstanceNobodyListensOnIsUnavailable() {
        String authority = "127.0.0.1:" + StubServer.closedPort();

        assertThat(register(SandboxFixture.clientAllowing(authority), authority))
                .isInstanceOfSatisfying(Unavailable.class, u -> assertThat(u.reason()).contains("unreachable"));
    }

    private static void assertUnavailable(int status, String contentType, String body, String reason) {
        try (StubServer server = StubServer.answering(status, contentType, body)) {
            AppRegistrationOutcome outcome = register(SandboxFixture.clientAllowing(server.authority()),
                    server.authority());

            assertThat(outcome).isInstanceOfSatisfying(Unavailable.class, u -> assertThat(u.reason())
                    .contains("http://" + server.authority()).contains(reason));
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    private static AppRegistrationOutcome register(MastodonClient client, String authority) {
        return client.registerApp(InstanceAddress.parse("http://" + authority), "Authpipe test",
                SandboxFixture.CALLBACK, List.of("read"), Optional.empty());
    }
}
