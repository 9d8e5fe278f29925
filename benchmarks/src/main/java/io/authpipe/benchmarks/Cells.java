package io.authpipe.benchmarks;

import java.time.Duration;
import java.util.Locale;

/** How the scale reports write a figure into a {@link ReportTable} cell. */
final class Cells {
    private Cells() {
    }

    /** {@code 1,234,567}. */
    static String count(long value) {
        return KmsCallsReport.count(value);
    }

    /** {@code 1,234.57} with {@code places} decimals. */
    static String decimal(double value, int places) {
        return String.format(Locale.ROOT, "%,." + places + "f", value);
    }

    /** Seconds with two decimals. */
    static String seconds(Duration duration) {
        return decimal(duration.toNanos() / 1e9, 2);
    }

    /** Milliseconds with {@code places} decimals. */
    static String millis(Duration duration, int places) {
        return decimal(duration.toNanos() / 1e6, places);
    }

    /** {@code to / from} with two decimals; {@code -} when {@code from} is not positive. */
    static String ratio(double to, double from) {
        return from <= 0 ? "-" : decimal(to / from, 2);
    }

    /** Bytes per added unit, rounded; {@code -} when nothing was added. */
    static String slope(long bytes, long added) {
        return added <= 0 ? "-" : count(Math.round((double) bytes / added));
    }

    /** At least a nanosecond, in seconds: safe to divide by. */
    static double secondsOf(Duration duration) {
        return Math.max(1, duration.toNanos()) / 1e9;
    }
}
