package io.authpipe.refresh;

import java.time.Duration;

/**
 * How the schedule runs.
 *
 * @param scanInterval  how often (wall-clock time) due timers are taken
 * @param maxDuePerTick at most this many due timers per scan, so a backlog cannot hold the stream thread
 * @param lease         how long a dispatched refresh owns its connection version; must exceed the longest a refresh
 *                      can take (requests plus publishing its result). When it runs out without a result the outcome
 *                      counts as unknown and the next attempt probes first
 * @param busyRetry     how soon a due timer is looked at again when its connection or instance is busy or the
 *                      executor is full
 */
public record ScheduleSettings(Duration scanInterval, int maxDuePerTick, Duration lease, Duration busyRetry) {
    public static final int DEFAULT_MAX_DUE_PER_TICK = 10_000;

    public ScheduleSettings {
        if (maxDuePerTick < 1) {
            throw new IllegalArgumentException("maxDuePerTick must be at least 1, was " + maxDuePerTick);
        }
        if (scanInterval.isNegative() || scanInterval.isZero() || lease.compareTo(scanInterval) <= 0) {
            throw new IllegalArgumentException("scanInterval must be positive and shorter than the lease");
        }
    }

    public static ScheduleSettings defaults() {
        return new ScheduleSettings(Duration.ofMillis(200), DEFAULT_MAX_DUE_PER_TICK, Duration.ofMinutes(5),
                Duration.ofSeconds(2));
    }

    public ScheduleSettings withScanInterval(Duration interval) {
        return new ScheduleSettings(interval, maxDuePerTick, lease, busyRetry);
    }

    public ScheduleSettings withMaxDuePerTick(int max) {
        return new ScheduleSettings(scanInterval, max, lease, busyRetry);
    }

    public ScheduleSettings withLease(Duration newLease) {
        return new ScheduleSettings(scanInterval, maxDuePerTick, newLease, busyRetry);
    }
}
