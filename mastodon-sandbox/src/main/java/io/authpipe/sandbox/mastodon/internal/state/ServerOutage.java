package io.authpipe.sandbox.mastodon.internal.state;

import io.authpipe.sandbox.mastodon.Outage;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The outage the server is in, if any, and how many requests outages answered so far. Thread-safe. */
public final class ServerOutage {

    private final AtomicReference<Outage> current = new AtomicReference<>();
    private final AtomicLong answered = new AtomicLong();

    /** Starts {@code outage}, replacing one already under way. */
    public void start(Outage outage) {
        current.set(Objects.requireNonNull(outage, "outage"));
    }

    /** Ends the outage; does nothing if there is none. */
    public void end() {
        current.set(null);
    }

    /** The outage under way, if any. */
    public Optional<Outage> current() {
        return Optional.ofNullable(current.get());
    }

    /** The outage that answers this request instead of the server, counted as answered; empty when there is none. */
    public Optional<Outage> receive() {
        Optional<Outage> outage = current();
        outage.ifPresent(ignored -> answered.incrementAndGet());
        return outage;
    }

    /** Requests answered by outages since the sandbox started, all outages together. */
    public long answered() {
        return answered.get();
    }
}
