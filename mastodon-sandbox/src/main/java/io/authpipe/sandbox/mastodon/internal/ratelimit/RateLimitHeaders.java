package io.authpipe.sandbox.mastodon.internal.ratelimit;

import io.authpipe.sandbox.mastodon.internal.web.Times;
import io.javalin.http.Context;
import java.time.Instant;

/**
 * {@code X-RateLimit-Limit / -Remaining / -Reset} as {@code Api::RateLimitHeaders} and the throttled responder
 * write them ({@code MASTODON.md} §8). The reset is Ruby's {@code now + (period - now.to_i % period)} printed with
 * {@code iso8601(6)}: the end of the current window plus the sub-second part of {@code now}, so a clock on a whole
 * second gives {@code …:05:00.000000Z}. No {@code Retry-After} is ever sent.
 */
public final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    static void apply(Context ctx, long limit, long remaining, Throttle throttle, Instant now) {
        long period = throttle.period().getSeconds();
        Instant reset = now.plusSeconds(period - Math.floorMod(now.getEpochSecond(), period));
        ctx.header("X-RateLimit-Limit", String.valueOf(limit));
        ctx.header("X-RateLimit-Remaining", String.valueOf(remaining));
        ctx.header("X-RateLimit-Reset", Times.iso8601Micros(reset));
    }
}
