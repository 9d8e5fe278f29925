package io.authpipe.refresh;

import static io.authpipe.refresh.TimerDriver.T0;
import static io.authpipe.refresh.TimerDriver.TICK;

import io.authpipe.events.ExpiryTimer;
import io.authpipe.kafka.schedule.DueSchedule;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: times one scan in {@link org.apache.kafka.streams.TopologyTestDriver} (RocksDB stores) with 10,000
 * and 100,000 timers loaded, first with none due, then with 1,000 due. Each is measured once, so read the numbers
 * as orders of magnitude (a small run first warms the JIT). A timed scan includes the driver's commit after it.
 * Run: {@code java -cp <test classpath> io.authpipe.refresh.DueScanBenchmark}.
 */
final class DueScanBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(DueScanBenchmark.class);
    private static final int DUE = 1_000;

    private DueScanBenchmark() {
    }

    public static void main(String[] args) {
        run(2_000, false); // JIT warm-up, not reported
        run(10_000, true);
        run(100_000, true);
    }

    private static void run(int timers, boolean report) {
        try (TimerDriver driver = TimerDriver.start()) {
            load(driver.stores(), timers);
            driver.advance(Duration.ofMillis(1)); // the driver's commit flushes the load; no scan yet
            long noneDue = timed(driver, TICK.minusMillis(1));
            long someDue = timed(driver, Duration.ofSeconds(9));
            if (report) {
                LOG.info("timers={} scan with 0 due: {} us; with {} due: {} us (dispatched {})", timers,
                        noneDue / 1_000, DUE, someDue / 1_000, driver.dispatched().size());
            }
        }
    }

    /** {@link #DUE} timers due ten seconds after T0, the rest a day later. */
    private static void load(DueSchedule<ExpiryTimer> stores, int timers) {
        for (int i = 0; i < timers; i++) {
            Duration dueIn = i < DUE ? Duration.ofSeconds(10) : Duration.ofDays(1).plusMillis(i);
            ExpiryTimer timer = TimerDriver.timer("u" + i, 1, T0.plus(dueIn));
            stores.schedule(TimerDriver.keyOf(timer), timer);
        }
    }

    private static long timed(TimerDriver driver, Duration advance) {
        long start = System.nanoTime();
        driver.advance(advance);
        return System.nanoTime() - start;
    }
}
