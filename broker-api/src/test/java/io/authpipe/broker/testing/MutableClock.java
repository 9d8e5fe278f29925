package io.authpipe.broker.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move forward: either the system clock plus an offset, or frozen at an instant plus an offset. */
public final class MutableClock extends Clock {
    private final Instant frozenAt;
    private volatile Duration offset = Duration.ZERO;

    /** Follows the system clock. */
    public MutableClock() {
        this(null);
    }

    private MutableClock(Instant frozenAt) {
        this.frozenAt = frozenAt;
    }

    /** Stands still at {@code instant} until {@link #advance} moves it. */
    public static MutableClock frozenAt(Instant instant) {
        return new MutableClock(instant);
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
        return (frozenAt == null ? Instant.now() : frozenAt).plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
