package io.authpipe.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.secret.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Answers from something in front of the server (MASTODON.md §9): a throttle is a throttle whatever its body; a
 * gateway that got no answer from the server behind it may have let the request through.
 */
class MastodonClientGatewayAnswersTest {

    private static final Instant NOW = Instant.parse("2026-11-26T18:00:00Z");
    private static final ClientCredentials APP = new ClientCredentials("client-id", Secret.of("client-secret"));
    private static final Secret REFRESH = Secret.of("rT-9mOq2b0N5pV1yJd7xS4wKc8eHf3gLa6iZuXtBvQs");
    private static final String HTML = "<html><body><h1>Error</h1></body></html>";

    private static MastodonClient clientFor(StubServer stub) {
        return SandboxFixture.clientAllowing(stub.authority(), Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofSeconds(5));
    }

    private static ServerInfo serverOf(StubServer stub) {
        return ServerInfo.legacy(InstanceAddress.parse("http://" + stub.authority()));
    }

    @Test
    void a429WithAnHtmlBodyAndNoHeadersIsThrottledForOneMinute() {
        try (StubServer proxy = StubServer.answering(429, "text/html", HTML)) {
            // When
            TokenOutcome outcome = clientFor(proxy).refresh(serverOf(proxy), APP, REFRESH);

            // Then
            assertThat(outcome).isEqualTo(new TokenOutcome.Throttled(NOW.plusSeconds(60)));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "502, text/html, <html>Bad gateway</html>, true",
        "504, application/json, '{\"error\":\"Gateway Timeout\"}', true",
        "524, text/html, <html>A timeout occurred</html>, true",
        "200, text/html, <html>Welcome</html>, true",
        "500, application/json, '{\"error\":\"Internal Server Error\"}', false",
        "503, application/json, '{\"error\":\"Service Unavailable\"}', false",
        "403, text/html, <html>Attention Required!</html>, false",
    })
    void onlyGatewaysWithoutAnAnswerAndUnreadableSuccessesMayHaveBeenProcessed(int status, String contentType,
                                                                                 String body, boolean maybe) {
        try (StubServer stub = StubServer.answering(status, contentType, body)) {
            // When
            InstanceUnavailableException failure = catchThrowableOfType(InstanceUnavailableException.class,
                    () -> clientFor(stub).refresh(serverOf(stub), APP, REFRESH));

            // Then
            assertThat(failure).isNotNull().hasMessageContaining("HTTP " + status);
            assertThat(failure.maybeProcessed()).isEqualTo(maybe);
            assertThat(stub.requests()).isEqualTo(1);
        }
    }
}
