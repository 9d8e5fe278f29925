package io.authpipe.core.ops;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a process within a deadline: on SIGTERM (any JVM shutdown) a hook runs the process's
 * {@link ShutdownSequence}, and a watchdog that sees it still running at the deadline logs what did not stop (with
 * the stack of the shutdown thread, where it hangs) and halts the JVM with {@link #HALT_STATUS}. A halt is a
 * {@code kill -9} as far as the data is concerned, which every part must survive anyway; it exists because a part
 * that never returns (a broker spinning on a corrupted log, a client waiting on a dead peer) would otherwise keep
 * the process alive, ignoring every further SIGTERM.
 */
public final class BoundedShutdown {
    /** The exit status of a process halted at the deadline. */
    public static final int HALT_STATUS = 1;

    private static final Logger LOG = LoggerFactory.getLogger(BoundedShutdown.class);

    private BoundedShutdown() {
    }

    /** Runs {@code sequence} on JVM shutdown, halting the JVM if it is still running after {@code deadline}. */
    public static void install(ShutdownSequence sequence, Duration deadline) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> run(sequence, deadline, Runtime.getRuntime()::halt),
                "authpipe-shutdown"));
    }

    /**
     * Runs {@code sequence} on this thread; if it has not finished after {@code deadline}, a watchdog thread logs
     * what did not stop and calls {@code halt} with {@link #HALT_STATUS}. Returns when the sequence finished and the
     * watchdog has stood down (so {@code halt} is never called after a sequence that finished in time).
     */
    static void run(ShutdownSequence sequence, Duration deadline, IntConsumer halt) {
        long begun = System.nanoTime();
        CountDownLatch finished = new CountDownLatch(1);
        Thread stopper = Thread.currentThread();
        Thread watchdog = new Thread(() -> watch(finished, deadline, sequence, stopper, halt),
                "authpipe-shutdown-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            sequence.close();
            LOG.info("stopped in {} ms", Duration.ofNanos(System.nanoTime() - begun).toMillis());
        } finally {
            finished.countDown();
        }
        joinQuietly(watchdog);
    }

    private static void watch(CountDownLatch finished, Duration deadline, ShutdownSequence sequence, Thread stopper,
                              IntConsumer halt) {
        try {
            if (finished.await(deadline.toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.error("shutdown did not finish within {}: still stopping {}; halting the JVM (exit status {})",
                deadline, sequence.unfinished(), HALT_STATUS, stackOf(stopper));
        halt.accept(HALT_STATUS);
    }

    /** Where the shutdown thread hangs, as a throwable for the log. */
    private static Throwable stackOf(Thread stopper) {
        Throwable where = new Throwable("stack of " + stopper.getName() + " at the deadline");
        where.setStackTrace(stopper.getStackTrace());
        return where;
    }

    private static void joinQuietly(Thread watchdog) {
        try {
            watchdog.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
