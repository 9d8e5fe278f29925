package io.authpipe.sdk.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A clock read from a field that a timer refreshes from {@code source} every {@code periodMillis}. Reading
 * {@code System.currentTimeMillis()} costs about 30 ns on virtual machines without a vDSO clock source, several times
 * a whole cache hit; a volatile read costs about one. The price is precision: the time lags by up to the period (more
 * while the timer thread is starved), which is immaterial against an expiry margin and a staleness bound measured in
 * seconds.
 */
final class CoarseClock extends Clock {
    private final Clock source;
    private volatile long millis;

    private CoarseClock(Clock source) {
        this.source = source;
        this.millis = source.millis();
    }

    static CoarseClock start(Clock source, ScheduledExecutorService timer, long periodMillis) {
        CoarseClock clock = new CoarseClock(source);
        timer.scheduleAtFixedRate(clock::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return clock;
    }

    private void tick() {
        millis = source.millis();
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return source.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return source.withZone(zone);
    }
}
