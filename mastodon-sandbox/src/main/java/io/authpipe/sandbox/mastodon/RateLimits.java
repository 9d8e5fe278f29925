package io.authpipe.sandbox.mastodon;

import java.time.Duration;
import java.util.Objects;

/**
 * The Rack::Attack throttles the sandbox enforces ({@code MASTODON.md} §8). Windows are fixed and aligned to the
 * Unix epoch ({@code floor(now / period)}), measured with the sandbox's {@link java.time.Clock}.
 *
 * @param appRegistrationsPerWindow {@code POST /api/v1/apps} per IP per {@code appRegistrationWindow}
 * @param appRegistrationWindow     window of the registration throttle
 * @param perTokenPerWindow         {@code /api} requests per token (any known token, even revoked) per {@code apiWindow}
 * @param perUserPerWindow          {@code /api} requests per token owner per {@code apiWindow}
 * @param unauthenticatedPerWindow  {@code /api} requests per IP without a user token (anonymous or app token)
 * @param apiWindow                 window of the three API throttles
 */
public record RateLimits(int appRegistrationsPerWindow, Duration appRegistrationWindow, int perTokenPerWindow,
                         int perUserPerWindow, int unauthenticatedPerWindow, Duration apiWindow) {

    /** Validates that every limit is positive and every window at least one second. */
    public RateLimits {
        requirePositive(appRegistrationsPerWindow, "appRegistrationsPerWindow");
        requirePositive(perTokenPerWindow, "perTokenPerWindow");
        requirePositive(perUserPerWindow, "perUserPerWindow");
        requirePositive(unauthenticatedPerWindow, "unauthenticatedPerWindow");
        requireWindow(appRegistrationWindow, "appRegistrationWindow");
        requireWindow(apiWindow, "apiWindow");
    }

    /** Mastodon 4.2.9+: 5 registrations / 10 min; 300 per token, 1,500 per user, 300 per IP / 5 min. */
    public static RateLimits mastodonDefaults() {
        return new RateLimits(5, Duration.ofMinutes(10), 300, 1500, 300, Duration.ofMinutes(5));
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
