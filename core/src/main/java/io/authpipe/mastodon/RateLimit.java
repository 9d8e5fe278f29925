package io.authpipe.mastodon;

import java.time.Instant;

/**
 * A rate limit's state as the server reported it with an answer ({@code X-RateLimit-*}, MASTODON.md §8): the most
 * constrained throttle that counted the request.
 *
 * @param limit     requests allowed in the window
 * @param remaining requests left in it, this one counted
 * @param reset     when the window ends
 */
public record RateLimit(int limit, int remaining, Instant reset) {

    /** Whether at most {@code fraction} of the window's requests are left (so a client should slow down now). */
    public boolean nearlySpent(double fraction) {
        return remaining <= limit * fraction;
    }
}
