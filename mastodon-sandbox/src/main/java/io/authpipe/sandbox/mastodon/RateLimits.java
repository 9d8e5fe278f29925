package io.authpipe.sandbox.mastodon;

import java.time.Duration;
import java.util.Objects;

/**
 * The Rack::Attack throttles the sandbox enforces ({@code MASTODON.md} §8), plus an optional per-IP throttle on every
 * {@code /api} request. Windows are fixed and aligned to the Unix epoch ({@code floor(now / period)}), measured with
 * the sandbox's {@link java.time.Clock}.
 *
 * <p>The per-IP throttle is not Mastodon's: it is what GoToSocial does (300 / 5 min per IP, §8 "Other limits") and
 * what a proxy in front of a Mastodon server often adds. It counts every {@code /api} request, with a user token or
 * not, before Mastodon's own throttles, and answers like them: {@code 429 {"error":"Too many requests"}} with
 * {@code X-RateLimit-*} headers and no {@code Retry-After}. {@code 0} turns it off, as in
 * {@link #mastodonDefaults()}.
 *
 * @param appRegistrationsPerWindow {@code POST /api/v1/apps} per IP per {@code appRegistrationWindow}
 * @param appRegistrationWindow     window of the registration throttle
 * @param perTokenPerWindow         {@code /api} requests per token (any known token, even revoked) per {@code apiWindow}
 * @param perUserPerWindow          {@code /api} requests per token owner per {@code apiWindow}
 * @param unauthenticatedPerWindow  {@code /api} requests per IP without a user token (anonymous or app token)
 * @param apiWindow                 window of the API throttles
 * @param perIpApiPerWindow         every {@code /api} request per IP per {@code apiWindow}; {@code 0} means off
 */
public record RateLimits(int appRegistrationsPerWindow, Duration appRegistrationWindow, int perTokenPerWindow,
                         int perUserPerWindow, int unauthenticatedPerWindow, Duration apiWindow,
                         int perIpApiPerWindow) {

    /** Validates that every Mastodon limit is positive, the per-IP limit not negative, every window at least 1 s. */
    public RateLimits {
        requirePositive(appRegistrationsPerWindow, "appRegistrationsPerWindow");
        requirePositive(perTokenPerWindow, "perTokenPerWindow");
        requirePositive(perUserPerWindow, "perUserPerWindow");
        requirePositive(unauthenticatedPerWindow, "unauthenticatedPerWindow");
        requireWindow(appRegistrationWindow, "appRegistrationWindow");
        requireWindow(apiWindow, "apiWindow");
        if (perIpApiPerWindow < 0) {
            throw new IllegalArgumentException("perIpApiPerWindow must not be negative, was " + perIpApiPerWindow);
        }
    }

    /** Mastodon's throttles only, without the per-IP throttle. */
    public RateLimits(int appRegistrationsPerWindow, Duration appRegistrationWindow, int perTokenPerWindow,
                      int perUserPerWindow, int unauthenticatedPerWindow, Duration apiWindow) {
        this(appRegistrationsPerWindow, appRegistrationWindow, perTokenPerWindow, perUserPerWindow,
                unauthenticatedPerWindow, apiWindow, 0);
    }

    /**
     * Mastodon 4.2.9+: 5 registrations / 10 min; 300 per token, 1,500 per user, 300 per IP without a user token
     * / 5 min. The per-IP throttle on every request is off.
     */
    public static RateLimits mastodonDefaults() {
        return new RateLimits(5, Duration.ofMinutes(10), 300, 1500, 300, Duration.ofMinutes(5));
    }

    /** A copy whose per-IP throttle allows {@code perWindow} {@code /api} requests per {@link #apiWindow}; 0 = off. */
    public RateLimits withPerIpApiLimit(int perWindow) {
        return new RateLimits(appRegistrationsPerWindow, appRegistrationWindow, perTokenPerWindow, perUserPerWindow,
                unauthenticatedPerWindow, apiWindow, perWindow);
    }

    /** Whether the per-IP throttle is on. */
    public boolean limitsApiPerIp() {
        return perIpApiPerWindow > 0;
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void requireWindow(Duration window, String name) {
        Objects.requireNonNull(window, name);
        if (window.getSeconds() < 1) {
            throw new IllegalArgumentException(name + " must be at least one second, was " + window);
        }
    }
}
