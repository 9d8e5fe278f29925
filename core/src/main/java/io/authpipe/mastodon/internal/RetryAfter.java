package io.authpipe.mastodon.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code Retry-After} header (RFC 9110 §10.2.3): {@code delay-seconds} (digits) or an {@code HTTP-date} in
 * the IMF-fixdate form {@code Sun, 06 Nov 1994 08:49:37 GMT}. Mastodon itself never sends it (MASTODON.md §8);
 * proxies and other servers do. The obsolete RFC 850 and asctime date forms are not read: the header then counts
 * as absent.
 */
final class RetryAfter {
    /** At most nine digits: a delay beyond 31 years is nonsense, and the sum stays far inside {@link Instant}. */
    private static final Pattern DELAY_SECONDS = Pattern.compile("\\d{1,9}");

    private RetryAfter() {
    }

    /** When to retry according to {@code header}, relative to {@code now}; empty if absent or unreadable. */
    static Optional<Instant> parse(String header, Instant now) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        if (DELAY_SECONDS.matcher(value).matches()) {
            return Optional.of(now.plusSeconds(Long.parseLong(value)));
        }
        try {
            return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
