package io.authpipe.benchmarks;

import java.time.Duration;

/**
 * When the checks of a phase first reached the first one, 10 %, 90 % and all of their number, by polling a counter
 * (so each instant is late by up to the polling interval). Not thread-safe: the polling thread only.
 */
final class Milestones {
    private final long total;
    private final long startNanos;
    private long first = -1;
    private long tenth = -1;
    private long ninetieth = -1;
    private long all = -1;

    /** Milestones of {@code total} checks counted from the {@link System#nanoTime()} instant {@code startNanos}. */
    Milestones(long total, long startNanos) {
        this.total = total;
        this.startNanos = startNanos;
    }

    /**
     * Notes {@code done} checks counted now.
     *
     * @return whether all have been counted
     */
    boolean record(long done) {
        long now = System.nanoTime();
        first = reached(first, done >= 1, now);
        tenth = reached(tenth, done * 10 >= total, now);
        ninetieth = reached(ninetieth, done * 10 >= total * 9, now);
        all = reached(all, done >= total, now);
        return all >= 0;
    }

    Duration first() {
        return since(first);
    }

    Duration tenth() {
        return since(tenth);
    }

    Duration ninetieth() {
        return since(ninetieth);
    }

    Duration all() {
        return since(all);
    }

    /** From the first check counted until now. */
    Duration sinceFirst() {
        return Duration.ofNanos(System.nanoTime() - startNanos).minus(first());
    }

    private static long reached(long at, boolean now, long nowNanos) {
        return at < 0 && now ? nowNanos : at;
    }

    private Duration since(long at) {
        if (at < 0) {
            throw new IllegalStateException("not reached yet");
        }
        return Duration.ofNanos(at - startNanos);
    }
}
