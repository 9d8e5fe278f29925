package io.authpipe.sandbox.mastodon.internal.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamp formats Mastodon puts on the wire. */
public final class Times {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** Entity timestamps, e.g. {@code 2026-08-21T00:00:00.000Z}. */
    public static String iso8601Millis(Instant instant) {
        return MILLIS.format(instant);
    }

    /** Ruby's {@code Time#iso8601(6)}, e.g. {@code 2026-08-21T14:05:00.000000Z} (rate-limit reset, §8). */
    public static String iso8601Micros(Instant instant) {
        return MICROS.format(instant);
    }
}
