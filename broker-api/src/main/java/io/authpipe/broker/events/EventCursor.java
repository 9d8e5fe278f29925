package io.authpipe.broker.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a tenant's event stream stands: for each partition of {@code authpipe.credential-updated}, the offset of the
 * next record to read. Sent as each event's SSE {@code id} ({@code 12.0.45.7.3.9}, one number per partition), so a
 * client that comes back with {@code Last-Event-ID} resumes right after the last event it received, on any instance.
 */
public final class EventCursor {
    private final long[] next;

    private EventCursor(long[] next) {
        this.next = next;
    }

    static EventCursor of(long[] next) {
        return new EventCursor(next.clone());
    }

    /** Parses a cursor for a topic of {@code partitions}; empty when the text is not one. */
    public static Optional<EventCursor> parse(String text, int partitions) {
        String[] parts = text.strip().split("\\.", -1);
        if (parts.length != partitions) {
            return Optional.empty();
        }
        long[] next = new long[partitions];
        try {
            for (int p = 0; p < partitions; p++) {
                next[p] = Long.parseLong(parts[p]);
                if (next[p] < 0) {
                    return Optional.empty();
                }
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new EventCursor(next));
    }

    int partitions() {
        return next.length;
    }

    long next(int partition) {
        return next[partition];
    }

    /** Whether the record at {@code offset} of {@code partition} comes after this cursor (not yet delivered). */
    boolean isAhead(int partition, long offset) {
        return offset >= next[partition];
    }

    /** This cursor once the record at {@code offset} of {@code partition} is delivered. */
    EventCursor after(int partition, long offset) {
        long[] moved = next.clone();
        moved[partition] = Math.max(moved[partition], offset + 1);
        return new EventCursor(moved);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < next.length; p++) {
            text.append(p == 0 ? "" : ".").append(next[p]);
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventCursor c && Arrays.equals(next, c.next);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(next);
    }
}
