package io.authpipe.kafka.schedule;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of a {@link DueSchedule}'s index store, whose byte order is due-time order.
 *
 * <pre>
 * offset  size  content
 * 0       8     dueAt as epoch millis with the sign bit flipped (millis ^ 0x8000000000000000), big-endian
 * 8       n     the connection key, UTF-8 (n &gt;= 0)
 * </pre>
 *
 * <p>RocksDB, like {@link Bytes#compareTo}, orders keys byte by byte, unsigned. Flipping the sign bit makes that
 * order the signed order of the millis (instants before 1970 sort first too), so a range scan from {@link #LOWEST}
 * to {@link #dueBy} yields the due entries, earliest first, and nothing else. The connection key keeps connections
 * due in the same millisecond apart and orders them by their UTF-8 bytes.
 *
 * <p>Example: {@code acme:mastodon:u1} due at {@code 1970-01-01T00:00:00.001Z} is
 * {@code 80 00 00 00 00 00 00 01} followed by the 16 bytes of {@code acme:mastodon:u1}.
 */
public final class DueIndexKey {
    private static final int PREFIX = Long.BYTES;
    /** UTF-8 never produces this byte, so it sorts above every connection key. */
    private static final byte ABOVE_ANY_UTF8 = (byte) 0xFF;

    /** Sorts at or before every key: eight zero bytes, the prefix of {@code Long.MIN_VALUE} millis. */
    public static final Bytes LOWEST = Bytes.wrap(new byte[PREFIX]);

    private DueIndexKey() {
    }

    public static Bytes of(String connectionKey, Instant dueAt) {
        byte[] key = connectionKey.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(prefix(dueAt, key.length).put(key).array());
    }

    /** The inclusive upper bound of every key due at or before {@code now}: its prefix, then {@code 0xFF}. */
    public static Bytes dueBy(Instant now) {
        return Bytes.wrap(prefix(now, 1).put(ABOVE_ANY_UTF8).array());
    }

    /** The due time a key was made for. */
    public static Instant dueAtOf(Bytes key) {
        return Instant.ofEpochMilli(ByteBuffer.wrap(key.get()).getLong() ^ Long.MIN_VALUE);
    }

    private static ByteBuffer prefix(Instant at, int suffixLength) {
        return ByteBuffer.allocate(PREFIX + suffixLength).putLong(at.toEpochMilli() ^ Long.MIN_VALUE);
    }
}
