package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.sandbox.mastodon.OAuthFixture.RegisteredApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional per-IP throttle on every {@code /api} request: GoToSocial's, or a proxy's (MASTODON.md §8). */
class PerIpApiThrottleTest {

    private static final String PATH = "/api/v1/accounts/verify_credentials";
    private static final int LIMIT = 4;

    private final MutableClock clock = MutableClock.atWindowStart();

    @Test
    void authenticatedRequestsFromOneIpShareOneBudgetAcrossTokensAndUsers() {
        try (MastodonSandbox sandbox = start(OAuthFixture.relaxed().rateLimits().withPerIpApiLimit(LIMIT))) {
            // Given: four tokens of two users, and a fresh window (the app registration counted in the last one)
            List<String> tokens = tokensOfAliceAndBob(sandbox);
            clock.advance(Duration.ofMinutes(5));
            SandboxHttp http = new SandboxHttp(sandbox.baseUrl());

            // When
            List<Reply> passed = new ArrayList<>();
            tokens.forEach(token -> passed.add(http.get(PATH, token)));
            Reply throttled = http.get(PATH, tokens.get(0));
            clock.advance(Duration.ofMinutes(5));
            Reply nextWindow = http.get(PATH, tokens.get(0));

            // Then
            assertThat(passed).extracting(Reply::status).containsOnly(200);
            assertThat(passed).extracting(reply -> reply.header("X-RateLimit-Limit")).containsOnly("4");
            assertThat(passed).extracting(reply -> reply.header("X-RateLimit-Remaining"))
                    .containsExactly("3", "2", "1", "0");
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.body()).isEqualTo("{\"error\":\"Too many requests\"}");
            assertThat(throttled.header("X-RateLimit-Limit")).isEqualTo("4");
            assertThat(throttled.header("X-RateLimit-Remaining")).isEqualTo("0");
            assertThat(throttled.header("X-RateLimit-Reset")).isEqualTo("2026-08-21T14:10:00.000000Z");
            assertThat(throttled.header("Retry-After")).isNull();
            assertThat(nextWindow.status()).isEqualTo(200);
            assertThat(nextWindow.header("X-RateLimit-Remaining")).isEqualTo("3");
            assertThat(nextWindow.header("X-RateLimit-Reset")).isEqualTo("2026-08-21T14:15:00.000000Z");
        }
    }

    @Test
    void anonymousAndAuthenticatedRequestsCountAgainstTheSameIp() {
        try (MastodonSandbox sandbox = start(OAuthFixture.relaxed().rateLimits().withPerIpApiLimit(LIMIT))) {
            // Given: the registration is the first request of the window
            String token = tokensOfAliceAndBob(sandbox).get(0);
            SandboxHttp http = new SandboxHttp(sandbox.baseUrl());

            // When
            Reply anonymous = http.get("/api/v2/instance");
            Reply authenticated = http.get(PATH, token);

            // Then
            assertThat(anonymous.header("X-RateLimit-Remaining")).isEqualTo("2");
            assertThat(authenticated.header("X-RateLimit-Remaining")).isEqualTo("1");
        }
    }

    @Test
    void mastodonDefaultsDoNotCountAuthenticatedRequestsPerIp() {
        try (MastodonSandbox sandbox = start(RateLimits.mastodonDefaults())) {
            // Given: the registration took one request from this IP
            String token = tokensOfAliceAndBob(sandbox).get(0);

            // When
            Reply reply = new SandboxHttp(sandbox.baseUrl()).get(PATH, token);

            // Then: the per-token throttle, 300 - 1; a per-IP one of 300 would show 298
            assertThat(RateLimits.mastodonDefaults().perIpApiPerWindow()).isZero();
            assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("300");
            assertThat(reply.header("X-RateLimit-Remaining")).isEqualTo("299");
        }
    }

    @Test
    void theLimitMustNotBeNegativeAndZeroTurnsTheThrottleOff() {
        RateLimits defaults = RateLimits.mastodonDefaults();

        assertThatThrownBy(() -> defaults.withPerIpApiLimit(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("perIpApiPerWindow must not be negative, was -1");
        assertThat(defaults.withPerIpApiLimit(300).limitsApiPerIp()).isTrue();
        assertThat(defaults.withPerIpApiLimit(300).withPerIpApiLimit(0)).isEqualTo(defaults);
    }

    private MastodonSandbox start(RateLimits limits) {
        return MastodonSandbox.start(SandboxConfig.defaults().withRateLimits(limits).withClock(clock));
    }

    /** Registers an app over HTTP (one {@code /api} request) and mints two tokens each for alice and bob. */
    private static List<String> tokensOfAliceAndBob(MastodonSandbox sandbox) {
        RegisteredApp app = new OAuthFixture(sandbox).registerApp("read");
        List<String> tokens = new ArrayList<>();
        for (String username : List.of("alice", "bob")) {
            sandbox.operator().mintTokens(username, app.clientId(), List.of("read"), 2)
                    .forEach(issued -> tokens.add(issued.accessToken()));
        }
        return tokens;
    }
}
