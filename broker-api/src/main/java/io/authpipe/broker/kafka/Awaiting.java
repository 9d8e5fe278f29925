package io.authpipe.broker.kafka;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Read-your-writes over Kafka: after publishing a record, wait (bounded) until the state store that materialises
 * it shows the change, so the next request, on any instance, sees it. Polls every few milliseconds; the delay is
 * the Streams commit interval (100 ms by default).
 */
public final class Awaiting {
    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();

    private Awaiting() {
    }

    /** The first non-empty value of {@code probe} before {@code timeout}, or empty. */
    public static <T> Optional<T> value(Supplier<Optional<T>> probe, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent() || System.nanoTime() - deadline > 0) {
                return value;
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                return Optional.empty();
            }
        }
    }
}
