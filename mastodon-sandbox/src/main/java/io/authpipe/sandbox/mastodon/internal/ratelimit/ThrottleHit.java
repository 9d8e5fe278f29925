package io.authpipe.sandbox.mastodon.internal.ratelimit;

/**
 * The state of one throttle after counting the current request (Rack::Attack {@code throttle_data}).
 *
 * @param throttle the throttle
 * @param count    requests in the current window, this one included
 */
public record ThrottleHit(Throttle throttle, long count) {

    /** {@code limit - count}; negative once exceeded. */
    public long remaining() {
        return throttle.limit() - count;
    }

    /** Whether this request is over the limit. */
    public boolean exceeded() {
        return count > throttle.limit();
    }
}
