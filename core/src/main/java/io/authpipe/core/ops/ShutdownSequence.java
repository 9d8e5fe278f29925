package io.authpipe.core.ops;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of a process, stopped newest first (the reverse of the order they started in), each once, each logged
 * with the time it took. A part that fails to stop is logged and the next one stops anyway. While it runs,
 * {@link #unfinished()} says which part is stopping and which have yet to: what a {@link BoundedShutdown} reports
 * when the deadline passes. Thread-safe; {@link #close()} runs on one thread at a time.
 */
public final class ShutdownSequence implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSequence.class);

    private record Part(String name, AutoCloseable part) {
    }

    private final Deque<Part> parts = new ArrayDeque<>();
    private Optional<String> stopping = Optional.empty();

    /** Adds {@code part}, to be stopped before every part added earlier; returns it. */
    public synchronized <T extends AutoCloseable> T add(String name, T part) {
        parts.push(new Part(name, part));
        return part;
    }

    /** The part stopping now, then those still to stop, in order; empty once every part stopped. */
    public synchronized List<String> unfinished() {
        List<String> names = new ArrayList<>();
        stopping.ifPresent(names::add);
        parts.forEach(p -> names.add(p.name()));
        return names;
    }

    /** Stops every part, newest first; idempotent (a stopped part is forgotten). */
    @Override
    public void close() {
        for (Part part = next(); part != null; part = next()) {
            stop(part);
        }
        synchronized (this) {
            stopping = Optional.empty();
        }
    }

    private synchronized Part next() {
        Part part = parts.poll();
        stopping = Optional.ofNullable(part).map(Part::name);
        return part;
    }

    private static void stop(Part part) {
        long begun = System.nanoTime();
        LOG.info("stopping {}", part.name());
        try {
            part.part().close();
            LOG.info("stopped {} in {} ms", part.name(), Duration.ofNanos(System.nanoTime() - begun).toMillis());
        } catch (Exception e) {
            LOG.warn("error while stopping {}", part.name(), e);
        }
    }
}
