package io.authpipe.mastodon.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.mastodon.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An HTTP answer from an instance with a JSON body (empty object when there was none, or when a 429 or 404 came
 * with a body that is not JSON), the headers that say when to come back, and the rate limit's state.
 */
public record JsonResponse(InstanceAddress instance, int status, JsonNode body, String rateLimitResetHeader,
                           String retryAfterHeader, String authenticateHeader, String rateLimitLimitHeader,
                           String rateLimitRemainingHeader) {

    /** An answer without {@code WWW-Authenticate}, {@code X-RateLimit-Limit} or {@code -Remaining} headers. */
    public JsonResponse(InstanceAddress instance, int status, JsonNode body, String rateLimitResetHeader,
                        String retryAfterHeader) {
        this(instance, status, body, rateLimitResetHeader, retryAfterHeader, null, null, null);
    }

    /**
     * The most constrained rate limit the server applied to this request, from {@code X-RateLimit-Limit},
     * {@code -Remaining} and {@code -Reset} (MASTODON.md §8); empty unless all three are present and well formed.
     */
    public Optional<RateLimit> rateLimit() {
        try {
            if (rateLimitLimitHeader == null || rateLimitRemainingHeader == null) {
                return Optional.empty();
            }
            int limit = Integer.parseInt(rateLimitLimitHeader.trim());
            int remaining = Integer.parseInt(rateLimitRemainingHeader.trim());
            return parsedRateLimitReset().filter(reset -> limit > 0 && remaining >= 0)
                    .map(reset -> new RateLimit(limit, remaining, reset));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The {@code error} parameter of a Bearer {@code WWW-Authenticate} header (RFC 6750 §3), if there is one. */
    public Optional<String> authenticateError() {
        if (authenticateHeader == null) {
            return Optional.empty();
        }
        java.util.regex.Matcher error = java.util.regex.Pattern.compile("error=\"([^\"]*)\"")
                .matcher(authenticateHeader);
        return error.find() ? Optional.of(error.group(1)) : Optional.empty();
    }

    /** How long to wait after a 429 that says nothing about when to retry. */
    static final Duration DEFAULT_RETRY_DELAY = Duration.ofMinutes(1);

    /** The body of a 2xx answer; anything else is an unexpected answer that says nothing about the request. */
    public JsonNode requireOk() {
        if (status >= 200 && status < 300) {
            return body;
        }
        throw UnusableAnswers.status(instance, status, "");
    }

    /**
     * When a throttle window ends: Mastodon's {@code X-RateLimit-Reset} is ISO 8601 with microseconds, not epoch
     * seconds (MASTODON.md §8). Without a usable header, five minutes after {@code now}.
     */
    public Instant rateLimitReset(Instant now) {
        return parsedRateLimitReset().orElse(now.plusSeconds(300));
    }

    /**
     * When to send a throttled request again: {@code Retry-After} (delay-seconds or HTTP-date, relative to
     * {@code now}) if usable, else {@code X-RateLimit-Reset}, else one minute after {@code now}.
     */
    public Instant retryAt(Instant now) {
        return RetryAfter.parse(retryAfterHeader, now)
                .or(this::parsedRateLimitReset)
                .orElse(now.plus(DEFAULT_RETRY_DELAY));
    }

    private Optional<Instant> parsedRateLimitReset() {
        if (rateLimitResetHeader == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(rateLimitResetHeader.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
