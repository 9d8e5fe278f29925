package io.authpipe.kafka.internal;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** A point on the monotonic clock by which an operation must finish. */
public record Deadline(long deadlineNanos) {

    /** A deadline {@code timeout} from now. */
    public static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    /** Time left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    public boolean expired() {
        return remaining().isZero();
    }

    /** Parks the calling thread for {@code interval} or until the deadline, whichever comes first (a poll interval). */
    public void pause(Duration interval) {
        LockSupport.parkNanos(Math.min(interval.toNanos(), remaining().toNanos()));
    }

    /** Time left in milliseconds, capped at {@code cap} and at least 1 ms (for client timeouts). */
    public int remainingMillis(Duration cap) {
        long millis = Math.min(remaining().toMillis(), cap.toMillis());
        return (int) Math.max(1, millis);
    }
}
