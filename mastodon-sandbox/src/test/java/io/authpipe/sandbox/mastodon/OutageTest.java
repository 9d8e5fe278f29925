package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Outage}s of the whole server, seen over real HTTP. */
class OutageTest {

    private static final String VERIFY_PATH = "/api/v1/accounts/verify_credentials";
    private static final List<String> PATHS = List.of(VERIFY_PATH, "/api/v2/instance", "/api/v1/no-such-thing",
            "/oauth/authorize?client_id=x&response_type=code", "/.well-known/oauth-authorization-server",
            "/.well-known/nodeinfo", "/nodeinfo/2.0", "/", "/no-such-page");

    private final RefreshFixture fixture = RefreshFixture.start(MutableClock.atWindowStart());

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aProxyPageOutageAnswers503HtmlAndLeavesTheTokenUsableOnceItEnds() {
        // Given
        fixture.operator().startOutage(Outage.proxyPage());

        // When
        Reply down = fixture.http().get(VERIFY_PATH, fixture.accessToken());
        List<String> activeDuringOutage = fixture.operator().activeTokensOf("alice");
        fixture.operator().endOutage();
        Reply up = fixture.http().get(VERIFY_PATH, fixture.accessToken());

        // Then: the outage's requests never reached the server's throttles either
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.header("Content-Type")).startsWith("text/html");
        assertThat(down.header("Server")).isEqualTo("cloudflare");
        assertThat(down.body()).startsWith("<!DOCTYPE html>").contains("Cloudflare Ray ID");
        assertThat(down.header("X-RateLimit-Limit")).isNull();
        assertThat(activeDuringOutage).containsExactly(fixture.accessToken());
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.header("X-RateLimit-Remaining"))
                .isEqualTo(String.valueOf(OAuthFixture.relaxed().rateLimits().perTokenPerWindow() - 1));
    }

    static Stream<Arguments> outages() {
        return Stream.of(
                Arguments.of(Outage.proxyPage(), 503, "text/html", "Cloudflare Ray ID"),
                Arguments.of(Outage.serverError(), 500, "application/json",
                        "{\"error\":\"We're sorry, but something went wrong on our end\"}"),
                Arguments.of(Outage.badGateway(), 502, "text/html", "<h1>502 Bad Gateway</h1>"));
    }

    @ParameterizedTest
    @MethodSource("outages")
    void everyOutageAnswersEveryPathOfTheServer(Outage outage, int status, String contentType, String body) {
        // Given
        fixture.operator().startOutage(outage);

        // When
        List<Reply> replies = PATHS.stream().map(path -> fixture.http().get(path)).toList();
        Reply tokenRequest = fixture.refresh();

        // Then
        assertThat(Stream.concat(replies.stream(), Stream.of(tokenRequest))).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(status);
            assertThat(reply.header("Content-Type")).startsWith(contentType);
            assertThat(reply.body()).contains(body);
        });
    }

    @Test
    void aRefreshDuringAnOutageNeverReachesTheTokenEndpoint() {
        // Given
        fixture.operator().startOutage(Outage.badGateway());

        // When
        int down = fixture.refresh().status();
        fixture.operator().endOutage();
        Reply up = fixture.refresh();

        // Then: the refresh token was neither used up nor rotated away
        assertThat(down).isEqualTo(502);
        assertThat(up.status()).isEqualTo(200);
        assertThat(fixture.operator().refreshGrantsReceived()).isEqualTo(1);
    }

    @Test
    void theCounterCountsTheRequestsOutagesAnsweredAndNothingElse() {
        // Given
        fixture.verify(fixture.accessToken());

        // When
        fixture.operator().startOutage(Outage.serverError());
        fixture.verify(fixture.accessToken());
        fixture.refresh();
        fixture.http().get("/_sandbox/accounts");
        long duringFirst = fixture.operator().requestsDuringOutage();
        fixture.operator().endOutage();
        fixture.verify(fixture.accessToken());
        fixture.operator().startOutage(Outage.proxyPage());
        fixture.http().postForm("/oauth/revoke", Map.of("token", fixture.accessToken()));

        // Then
        assertThat(duringFirst).isEqualTo(2);
        assertThat(fixture.operator().requestsDuringOutage()).isEqualTo(3);
    }

    @Test
    void startingAnotherOutageReplacesTheOneUnderWayAndEndingTwiceIsHarmless() {
        // Given
        fixture.operator().startOutage(Outage.serverError());

        // When
        fixture.operator().startOutage(Outage.badGateway());
        int replaced = fixture.verify(fixture.accessToken());
        fixture.operator().endOutage();
        fixture.operator().endOutage();

        // Then
        assertThat(replaced).isEqualTo(502);
        assertThat(fixture.verify(fixture.accessToken())).isEqualTo(200);
    }
}
