package io.authpipe.sandbox.mastodon;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the sandbox's {@code POST /oauth/token} plays for {@code grant_type=refresh_token} requests, armed with
 * {@link SandboxOperator#failRefreshes(RefreshFault, int)}. Each fault either replaces the grant (nothing is
 * refreshed; the refresh token stays usable) or, for {@link #slowAnswer}, runs it normally and then delays the
 * answer, so a client that gives up first has lost tokens the server did issue.
 */
public sealed interface RefreshFault {

    /** Whether the grant runs (tokens are refreshed, rotated, replays detected) despite the fault. */
    boolean processesGrant();

    /** {@code 500 {"error":"We're sorry, but something went wrong on our end"}}: a crash before the grant ran. */
    static RefreshFault serverError() {
        return new ServerError();
    }

    /** {@code 503}, {@code text/html}: a Cloudflare-like error page from a proxy in front of the server. */
    static RefreshFault proxyPage() {
        return new ProxyPage();
    }

    /**
     * Rack::Attack's throttled response ({@code MASTODON.md} §8): {@code 429 {"error":"Too many requests"}} with
     * {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining: 0} and {@code X-RateLimit-Reset} (ISO 8601 with
     * microseconds, {@code window} after the sandbox clock's now), and no {@code Retry-After}.
     */
    static RefreshFault throttled(Duration window) {
        return new Throttled(window, false);
    }

    /** Like {@link #throttled} plus {@code Retry-After: <window in whole seconds, rounded up>}. */
    static RefreshFault throttledWithRetryAfter(Duration window) {
        return new Throttled(window, true);
    }

    /**
     * The grant runs normally, then the answer waits {@code delay} before it is written: a lost answer for a client
     * whose read timeout is shorter, or one that crashed mid-request. The wait does not hold a server thread.
     */
    static RefreshFault slowAnswer(Duration delay) {
        return new SlowAnswer(delay);
    }

    /** See {@link RefreshFault#serverError()}. */
    record ServerError() implements RefreshFault {
        @Override
        public boolean processesGrant() {
            return false;
        }
    }

    /** See {@link RefreshFault#proxyPage()}. */
    record ProxyPage() implements RefreshFault {
        @Override
        public boolean processesGrant() {
            return false;
        }
    }

    /**
     * See {@link RefreshFault#throttled(Duration)}.
     *
     * @param window          time until {@code X-RateLimit-Reset}, at least one second
     * @param sendsRetryAfter whether {@code Retry-After} is sent as well
     */
    record Throttled(Duration window, boolean sendsRetryAfter) implements RefreshFault {
        /** Validates the window. */
        public Throttled {
            Objects.requireNonNull(window, "window");
            if (window.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("window must be at least one second, was " + window);
            }
        }

        /** {@code Retry-After} delay-seconds: the window rounded up to whole seconds. */
        public long retryAfterSeconds() {
            return window.plusNanos(999_999_999).getSeconds();
        }

        @Override
        public boolean processesGrant() {
            return false;
        }
    }

    /**
     * See {@link RefreshFault#slowAnswer(Duration)}.
     *
     * @param delay how long the answer is held back, positive
     */
    record SlowAnswer(Duration delay) implements RefreshFault {
        /** Validates the delay. */
        public SlowAnswer {
            Objects.requireNonNull(delay, "delay");
            if (delay.isZero() || delay.isNegative()) {
                throw new IllegalArgumentException("delay must be positive, was " + delay);
            }
        }

        @Override
        public boolean processesGrant() {
            return true;
        }
    }
}
