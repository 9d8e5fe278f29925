package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link RefreshFault}s on {@code POST /oauth/token}, seen over real HTTP. */
class RefreshFaultTest {

    private static final String UNKNOWN_REFRESH_TOKEN = "no-such-refresh-token";

    private final MutableClock clock = MutableClock.atWindowStart();
    private final RefreshFixture fixture = RefreshFixture.start(clock);

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aServerErrorAnswers500JsonAndRefreshesNothing() {
        // Given
        fixture.operator().failRefreshes(RefreshFault.serverError(), 1);

        // When
        Reply faulted = fixture.refresh();

        // Then
        assertThat(faulted.status()).isEqualTo(500);
        assertThat(faulted.header("Content-Type")).startsWith("application/json");
        assertThat(faulted.body()).isEqualTo("{\"error\":\"We're sorry, but something went wrong on our end\"}");
        assertThat(fixture.verify(fixture.accessToken())).as("old token not revoked").isEqualTo(200);
        assertThat(fixture.refresh().status()).as("refresh token not rotated away").isEqualTo(200);
    }

    @Test
    void aProxyPageAnswers503HtmlAndRefreshesNothing() {
        // Given
        fixture.operator().failRefreshes(RefreshFault.proxyPage(), 1);

        // When
        Reply faulted = fixture.refresh();

        // Then
        assertThat(faulted.status()).isEqualTo(503);
        assertThat(faulted.header("Content-Type")).startsWith("text/html");
        assertThat(faulted.header("Server")).isEqualTo("cloudflare");
        assertThat(faulted.body()).startsWith("<!DOCTYPE html>").contains("Cloudflare Ray ID");
        assertThat(fixture.verify(fixture.accessToken())).isEqualTo(200);
        assertThat(fixture.refresh().status()).isEqualTo(200);
    }

    @Test
    void aThrottleAnswersLikeRackAttackWithAResetOnTheSandboxClockAndNoRetryAfter() {
        // Given: the sandbox clock 123456 µs past a whole second
        clock.advance(Duration.ofNanos(123_456_000));
        fixture.operator().failRefreshes(RefreshFault.throttled(Duration.ofSeconds(90)), 1);

        // When
        Reply faulted = fixture.refresh();

        // Then
        assertThat(faulted.status()).isEqualTo(429);
        assertThat(faulted.body()).isEqualTo("{\"error\":\"Too many requests\"}");
        assertThat(faulted.header("X-RateLimit-Reset")).isEqualTo("2026-08-21T14:01:30.123456Z");
        assertThat(faulted.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(faulted.header("X-RateLimit-Limit"))
                .isEqualTo(String.valueOf(OAuthFixture.relaxed().rateLimits().unauthenticatedPerWindow()));
        assertThat(faulted.header("Retry-After")).isNull();
        assertThat(fixture.refresh().status()).isEqualTo(200);
    }

    @Test
    void aThrottleWithRetryAfterAddsTheWindowInWholeSecondsRoundedUp() {
        // Given
        fixture.operator().failRefreshes(RefreshFault.throttledWithRetryAfter(Duration.ofMillis(90_500)), 1);

        // When
        Reply faulted = fixture.refresh();

        // Then
        assertThat(faulted.status()).isEqualTo(429);
        assertThat(faulted.header("Retry-After")).isEqualTo("91");
        assertThat(faulted.header("X-RateLimit-Reset")).isEqualTo("2026-08-21T14:01:30.500000Z");
        assertThat(fixture.refresh().status()).isEqualTo(200);
    }

    @Test
    void aSlowAnswerRefreshesAndRotatesEvenWhenTheClientGivesUpFirst() {
        // Given
        fixture.operator().failRefreshes(RefreshFault.slowAnswer(Duration.ofSeconds(3)), 1);
        OkHttpClient impatient = SandboxHttp.client().newBuilder().readTimeout(Duration.ofMillis(300)).build();

        // When
        assertThatThrownBy(() -> post(impatient, fixture.refreshForm(fixture.refreshToken())))
                .isInstanceOf(SocketTimeoutException.class);

        // Then: the tokens were rotated although the client never saw the new ones
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.operator().refreshesIssued() == 1);
        assertThat(fixture.verify(fixture.accessToken())).isEqualTo(401);
        Reply replay = fixture.refresh();
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.text("error")).as("the replay of a rotated refresh token").isEqualTo("invalid_grant");
    }

    @Test
    void aSlowAnswerReachesAPatientClientAfterTheDelay() {
        // Given
        Duration delay = Duration.ofMillis(700);
        fixture.operator().failRefreshes(RefreshFault.slowAnswer(delay), 1);
        long start = System.nanoTime();

        // When
        Reply answer = fixture.refresh();

        // Then
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(delay);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("refresh_token")).isNotEqualTo(fixture.refreshToken());
        assertThat(fixture.verify(answer.text("access_token"))).isEqualTo(200);
    }

    @Test
    void onlyTheNextTimesRefreshRequestsMeetTheFaultAndOtherGrantsPassUntouched() {
        // Given
        fixture.operator().failRefreshes(RefreshFault.serverError(), 2);

        // When
        Reply appToken = fixture.http().postForm("/oauth/token", Map.of("grant_type",
                "client_credentials", "client_id", fixture.app().clientId(),
                "client_secret", fixture.app().clientSecret()));
        int first = fixture.refresh().status();
        int second = fixture.refresh().status();
        int third = fixture.refresh().status();

        // Then
        assertThat(appToken.status()).isEqualTo(200);
        assertThat(first).isEqualTo(500);
        assertThat(second).isEqualTo(500);
        assertThat(third).isEqualTo(200);
    }

    @Test
    void armingAgainReplacesTheFaultAndZeroTimesDisarms() {
        // Given
        fixture.operator().failRefreshes(RefreshFault.serverError(), 5);
        fixture.operator().failRefreshes(RefreshFault.proxyPage(), 1);

        // When
        int replaced = fixture.refresh(UNKNOWN_REFRESH_TOKEN).status();
        int afterReplacement = fixture.refresh(UNKNOWN_REFRESH_TOKEN).status();
        fixture.operator().failRefreshes(RefreshFault.serverError(), 3);
        fixture.operator().failRefreshes(RefreshFault.serverError(), 0);
        int disarmed = fixture.refresh(UNKNOWN_REFRESH_TOKEN).status();

        // Then: 400 is the grant's own invalid_grant
        assertThat(replaced).isEqualTo(503);
        assertThat(afterReplacement).isEqualTo(400);
        assertThat(disarmed).isEqualTo(400);
        assertThatThrownBy(() -> fixture.operator().failRefreshes(RefreshFault.serverError(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void faultParametersAreValidated() {
        assertThatThrownBy(() -> RefreshFault.throttled(Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RefreshFault.slowAnswer(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RefreshFault.slowAnswer(Duration.ofSeconds(1)).processesGrant()).isTrue();
        assertThat(RefreshFault.throttled(Duration.ofSeconds(1)).processesGrant()).isFalse();
    }

    private void post(OkHttpClient client, Map<String, String> form) throws IOException {
        FormBody.Builder body = new FormBody.Builder();
        form.forEach(body::add);
        Request request = new Request.Builder().url(fixture.sandbox().baseUrl() + "/oauth/token")
                .post(body.build()).build();
        try (Response response = client.newCall(request).execute()) {
            throw new AssertionError("expected no answer in time, got HTTP " + response.code());
        }
    }
}
