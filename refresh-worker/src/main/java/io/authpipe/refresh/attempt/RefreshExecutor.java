package io.authpipe.refresh.attempt;

import io.authpipe.events.ExpiryTimer;
import io.authpipe.refresh.Completion;
import io.authpipe.refresh.RefreshDispatch;
import io.authpipe.refresh.RefreshJob;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded asynchronous executor behind the schedule: at most {@code maxInFlight} refreshes at once on as many
 * threads (each mostly waits on the network), at most {@code maxPerHost} against one instance, at most one per
 * connection (single flight), none to an instance that throttled us until later. Closing lets running refreshes
 * finish and publish their results, within a grace period.
 */
public final class RefreshExecutor implements RefreshDispatch, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshExecutor.class);

    private final int maxInFlight;
    private final int maxPerHost;
    private final RefreshAttempt attempt;
    private final HostPauses pauses;
    private final Duration closeGrace;
    private final ExecutorService threads;
    private final Set<String> connections = new HashSet<>();
    private final Map<String, Integer> perHost = new HashMap<>();

    public RefreshExecutor(int maxInFlight, int maxPerHost, RefreshAttempt attempt, HostPauses pauses,
                           Duration closeGrace) {
        if (maxInFlight < 1 || maxPerHost < 1) {
            throw new IllegalArgumentException("maxInFlight and maxPerHost must be at least 1");
        }
        this.maxInFlight = maxInFlight;
        this.maxPerHost = maxPerHost;
        this.attempt = attempt;
        this.pauses = pauses;
        this.closeGrace = closeGrace;
        this.threads = Executors.newFixedThreadPool(maxInFlight, named());
    }

    @Override
    public synchronized int freeSlots() {
        return maxInFlight - connections.size();
    }

    /** Refreshes reserved or running. */
    public synchronized int inFlight() {
        return connections.size();
    }

    @Override
    public synchronized boolean reserve(String connectionKey, ExpiryTimer timer, Instant now) {
        String host = RefreshJob.hostOf(timer);
        if (connections.size() >= maxInFlight || connections.contains(connectionKey)
                || perHost.getOrDefault(host, 0) >= maxPerHost || pauses.isPaused(host, now)) {
            return false;
        }
        connections.add(connectionKey);
        perHost.merge(host, 1, Integer::sum);
        return true;
    }

    @Override
    public synchronized void release(String connectionKey, ExpiryTimer timer) {
        if (connections.remove(connectionKey)) {
            perHost.computeIfPresent(RefreshJob.hostOf(timer), (h, n) -> n == 1 ? null : n - 1);
        }
    }

    @Override
    public void submit(RefreshJob job) {
        try {
            threads.execute(() -> run(job));
        } catch (RejectedExecutionException e) {
            release(job.connectionKey(), job.timer());
            job.onCompletion().accept(new Completion.NotSent(job.connectionKey(), job.version(),
                    job.timer().getDueAt()));
        }
    }

    @Override
    public void revokeOrphan(Completion.Issued issued) {
        try {
            threads.execute(() -> attempt.revokeOrphan(issued));
        } catch (RejectedExecutionException e) {
            LOG.warn("orphaned tokens of connection={} not revoked: the worker is stopping",
                    issued.job().connectionKey());
        }
    }

    private void run(RefreshJob job) {
        Completion completion;
        try {
            completion = attempt.run(job);
        } finally {
            release(job.connectionKey(), job.timer());
        }
        job.onCompletion().accept(completion);
    }

    @Override
    public void close() {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(closeGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("refreshes still running after {}; their outcome will be probed by the next owner",
                        closeGrace);
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "refresh-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
