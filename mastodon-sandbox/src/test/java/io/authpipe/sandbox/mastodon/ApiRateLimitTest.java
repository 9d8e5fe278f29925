package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.sandbox.mastodon.OAuthFixture.RegisteredApp;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rack::Attack throttles and headers on {@code /api} (MASTODON.md §8). */
class ApiRateLimitTest {

    private static final String PATH = "/api/v1/accounts/verify_credentials";

    private final MutableClock clock = MutableClock.atWindowStart();
    private MastodonSandbox sandbox;
    private OAuthFixture oauth;

    @BeforeEach
    void start() {
        RateLimits small = new RateLimits(100, Duration.ofMinutes(10), 3, 5, 4, Duration.ofMinutes(5));
        sandbox = MastodonSandbox.start(SandboxConfig.defaults().withRateLimits(small).withClock(clock));
        oauth = new OAuthFixture(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aUserTokenSeesThePerTokenThrottleInTheHeaders() {
        // Given
        String token = oauth.userToken(oauth.registerApp("read"), SandboxUser.ALICE, "read");
        clock.advance(Duration.ofSeconds(90));

        // When
        Reply reply = oauth.http().get(PATH, token);

        // Then
        assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("3");
        assertThat(reply.header("X-RateLimit-Remaining")).isEqualTo("2");
        assertThat(reply.header("X-RateLimit-Reset")).isEqualTo("2026-08-21T14:05:00.000000Z");
    }

    @Test
    void aTokenOverItsLimitGets429WithoutRetryAfterUntilTheNextWindow() {
        // Given
        String token = oauth.userToken(oauth.registerApp("read"), SandboxUser.ALICE, "read");
        for (int i = 0; i < 3; i++) {
            assertThat(oauth.http().get(PATH, token).status()).isEqualTo(200);
        }

        // When
        Reply throttled = oauth.http().get(PATH, token);
        clock.advance(Duration.ofMinutes(5));
        Reply nextWindow = oauth.http().get(PATH, token);

        // Then
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.body()).isEqualTo("{\"error\":\"Too many requests\"}");
        assertThat(throttled.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(throttled.header("Retry-After")).isNull();
        assertThat(nextWindow.status()).isEqualTo(200);
    }

    @Test
    void anonymousRequestsAreThrottledPerIpAndErrorsStillCarryHeaders() {
        // Given
        oauth.http().get("/api/v2/instance");
        oauth.http().get("/api/v2/instance");

        // When
        Reply unauthorized = oauth.http().get(PATH, "unknown-token");
        Reply last = oauth.http().get("/api/v1/nothing-here");
        Reply throttled = oauth.http().get("/api/v2/instance");

        // Then
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("X-RateLimit-Remaining")).isEqualTo("1");
        assertThat(last.status()).isEqualTo(404);
        assertThat(last.body()).isEqualTo("{\"error\":\"Record not found\"}");
        assertThat(last.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("X-RateLimit-Limit")).isEqualTo("4");
    }

    @Test
    void theOAuthEndpointsAreNotThrottled() {
        // Given
        RegisteredApp app = oauth.registerApp("read");

        // When
        Reply reply = oauth.http().postForm("/oauth/token", java.util.Map.of("grant_type", "client_credentials",
                "client_id", app.clientId(), "client_secret", app.clientSecret()));

        // Then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("X-RateLimit-Limit")).isNull();
    }

    @Test
    void aRevokedTokenIsStillCountedPerTokenNotPerIp() {
        // Given
        String token = oauth.userToken(oauth.registerApp("read"), SandboxUser.BOB, "read");
        sandbox.operator().revokeToken(token);

        // When
        Reply reply = oauth.http().get(PATH, token);

        // Then
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("3");
    }
}
