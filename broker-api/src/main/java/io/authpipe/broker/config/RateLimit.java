package io.authpipe.broker.config;

/**
 * A token bucket: {@code perSecond} requests a second on average, up to {@code burst} at once after a quiet spell.
 * {@code perSecond} 0 means unlimited.
 */
public record RateLimit(int perSecond, int burst) {
    public RateLimit {
        if (perSecond < 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs perSecond >= 0 and burst >= 1");
        }
    }

    public static RateLimit unlimited() {
        return new RateLimit(0, 1);
    }

    public boolean isUnlimited() {
        return perSecond == 0;
    }
}
