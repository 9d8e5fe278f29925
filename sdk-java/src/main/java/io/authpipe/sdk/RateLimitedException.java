package io.authpipe.sdk;

import java.time.Duration;

/** 429: too many requests for this tenant. Retry after {@link #retryAfter()}, not sooner. */
public final class RateLimitedException extends AuthpipeException {
    private final Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super("rate_limited", message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
