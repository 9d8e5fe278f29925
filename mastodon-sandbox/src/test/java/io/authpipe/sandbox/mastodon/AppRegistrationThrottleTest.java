package io.authpipe.sandbox.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registration throttle: 5 per 10 minutes per IP, epoch-aligned windows (MASTODON.md §1, §8). */
class AppRegistrationThrottleTest {

    private final MutableClock clock = MutableClock.atWindowStart();

    @Test
    void theSixthRegistrationInAWindowIsRefusedAndTheNextWindowAcceptsAgain() {
        try (MastodonSandbox sandbox = MastodonSandbox.start(SandboxConfig.defaults().withClock(clock))) {
            // Given
            SandboxHttp http = new SandboxHttp(sandbox.baseUrl());
            clock.advance(Duration.ofMinutes(3));
            for (int i = 1; i <= 5; i++) {
                Reply ok = register(http);
                assertThat(ok.status()).isEqualTo(200);
                assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(String.valueOf(5 - i));
            }

            // When
            Reply throttled = register(http);
            clock.advance(Duration.ofMinutes(7));
            Reply nextWindow = register(http);

            // Then
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.body()).isEqualTo("{\"error\":\"Too many requests\"}");
            assertThat(throttled.header("X-RateLimit-Limit")).isEqualTo("5");
            assertThat(throttled.header("X-RateLimit-Remaining")).isEqualTo("0");
            assertThat(throttled.header("X-RateLimit-Reset")).isEqualTo("2026-08-21T14:10:00.000000Z");
            assertThat(throttled.header("Retry-After")).isNull();
            assertThat(nextWindow.status()).isEqualTo(200);
            assertThat(nextWindow.header("X-RateLimit-Reset")).isEqualTo("2026-08-21T14:20:00.000000Z");
            assertThat(sandbox.operator().appCount()).isEqualTo(6);
        }
    }

    private static Reply register(SandboxHttp http) {
        return http.postForm("/api/v1/apps", Map.of("client_name", "Throttled", "redirect_uris",
                "https://a.example/cb"));
    }
}
