package io.authpipe.mastodon.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.authpipe.core.instance.InstanceAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** When to come back after a 429: {@code Retry-After}, then {@code X-RateLimit-Reset}, then a minute. */
class JsonResponseTest {

    private static final Instant NOW = Instant.parse("2026-11-26T18:00:00Z");
    private static final String RESET = "2026-11-26T18:05:00.123456Z";

    private static JsonResponse throttled(String rateLimitReset, String retryAfter) {
        return new JsonResponse(InstanceAddress.parse("https://mastodon.example"), 429,
                JsonNodeFactory.instance.objectNode(), rateLimitReset, retryAfter);
    }

    @Test
    void retryAfterAsDelaySecondsCountsFromNow() {
        assertThat(throttled(RESET, "120").retryAt(NOW)).isEqualTo(NOW.plusSeconds(120));
        assertThat(throttled(null, " 0 ").retryAt(NOW)).isEqualTo(NOW);
    }

    @Test
    void retryAfterAsAnHttpDateIsThatInstant() {
        assertThat(throttled(RESET, "Thu, 26 Nov 2026 18:07:30 GMT").retryAt(NOW))
                .isEqualTo(Instant.parse("2026-11-26T18:07:30Z"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "soon", "-5", "1.5", "99999999999999999999", "Sunday, 06-Nov-94 08:49:37 GMT"})
    void withoutAUsableRetryAfterTheRateLimitResetCounts(String retryAfter) {
        assertThat(throttled(RESET, retryAfter).retryAt(NOW)).isEqualTo(Instant.parse(RESET));
    }

    @Test
    void withNeitherHeaderUsableItIsOneMinuteFromNow() {
        assertThat(throttled(null, null).retryAt(NOW)).isEqualTo(NOW.plusSeconds(60));
        assertThat(throttled("1764180300", "soon").retryAt(NOW)).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void theRateLimitResetOfOtherEndpointsKeepsItsFiveMinuteFallback() {
        assertThat(throttled(RESET, "120").rateLimitReset(NOW)).isEqualTo(Instant.parse(RESET));
        assertThat(throttled(null, "120").rateLimitReset(NOW)).isEqualTo(NOW.plusSeconds(300));
    }

    private static JsonResponse answered(String limit, String remaining, String reset) {
        return new JsonResponse(InstanceAddress.parse("https://mastodon.example"), 200,
                JsonNodeFactory.instance.objectNode(), reset, null, null, limit, remaining);
    }

    @Test
    void theRateLimitStateIsReadFromAllThreeHeaders() {
        assertThat(answered("300", "12", RESET).rateLimit())
                .contains(new io.authpipe.mastodon.RateLimit(300, 12, Instant.parse(RESET)));
        assertThat(answered("300", "30", RESET).rateLimit().orElseThrow().nearlySpent(0.1)).isTrue();
        assertThat(answered("300", "31", RESET).rateLimit().orElseThrow().nearlySpent(0.1)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing-limit", "missing-remaining", "missing-reset", "non-numeric", "epoch-reset",
            "negative", "zero-limit"})
    void aRateLimitStateThatIsIncompleteOrMalformedIsAbsent(String variant) {
        JsonResponse response = switch (variant) {
            case "missing-limit" -> answered(null, "12", RESET);
            case "missing-remaining" -> answered("300", null, RESET);
            case "missing-reset" -> answered("300", "12", null);
            case "non-numeric" -> answered("lots", "12", RESET);
            case "epoch-reset" -> answered("300", "12", "1795716300");
            case "negative" -> answered("300", "-1", RESET);
            default -> answered("0", "0", RESET);
        };
        assertThat(response.rateLimit()).isEmpty();
    }
}
