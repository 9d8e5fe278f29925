package io.authpipe.sandbox.mastodon.internal.ratelimit;

import java.time.Duration;

/**
 * One Rack::Attack throttle: at most {@code limit} requests per discriminator (token, user or IP) per fixed
 * {@code period}.
 *
 * @param name   Mastodon's throttle name, e.g. {@code throttle_per_token_api}
 * @param limit  requests allowed per window
 * @param period window length (whole seconds)
 */
public record Throttle(String name, int limit, Duration period) {
}
