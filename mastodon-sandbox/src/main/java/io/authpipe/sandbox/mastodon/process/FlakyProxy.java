package io.authpipe.sandbox.mastodon.process;

import io.authpipe.sandbox.mastodon.Outage;
import io.authpipe.sandbox.mastodon.SandboxOperator;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A flaky server: every {@link #SLOT}, with probability {@code flakiness}, the whole server goes down behind its
 * proxy for that slot (a 503 proxy page, a 500 or a 502, at random), then comes back. Nothing is revoked, refreshed
 * or counted while it is down ({@link Outage}); a broker must take every one of those answers for a transient
 * error. Runs on one daemon thread until closed.
 */
public final class FlakyProxy implements AutoCloseable {
    /** How long one outage (or one healthy stretch) lasts. */
    public static final Duration SLOT = Duration.ofMillis(500);
    private static final List<Outage> OUTAGES = List.of(Outage.proxyPage(), Outage.serverError(), Outage.badGateway());

    private final ScheduledExecutorService timer;

    private FlakyProxy(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts flapping {@code operator}'s server; {@code flakiness} 0 never takes it down. */
    public static FlakyProxy start(SandboxOperator operator, double flakiness, Random random) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sandbox-flaky-proxy");
            thread.setDaemon(true);
            return thread;
        });
        if (flakiness > 0) {
            timer.scheduleAtFixedRate(() -> {
                if (random.nextDouble() < flakiness) {
                    operator.startOutage(OUTAGES.get(random.nextInt(OUTAGES.size())));
                } else {
                    operator.endOutage();
                }
            }, SLOT.toMillis(), SLOT.toMillis(), TimeUnit.MILLISECONDS);
        }
        return new FlakyProxy(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
