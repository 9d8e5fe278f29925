package io.authpipe.health.dispatch;

import io.authpipe.health.HealthMetrics;
import io.authpipe.health.check.CheckDispatch;
import io.authpipe.health.check.CheckDone;
import io.authpipe.health.check.CheckJob;
import io.authpipe.health.check.CheckResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends checks within limits: at most {@code maxInFlight} at once, {@code maxPerInstance} against one instance, one
 * per connection, and each instance within its budget ({@link InstanceLane}: requested checks first, then fair
 * across tenants; slower when the instance reports its shared limit nearly spent, paused after a shared 429).
 * The schedule hands checks over with {@link #offer}; a pacer thread releases them as budgets allow.
 */
public final class CheckExecutor implements CheckDispatch, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckExecutor.class);
    private static final Duration IDLE_WAIT = Duration.ofSeconds(1);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(15);

    private final DispatchSettings settings;
    private final Function<CheckJob, CheckDone> attempt;
    private final Clock clock;
    private final HealthMetrics metrics;
    private final ExecutorService threads;
    private final Thread pacer;
    private final Map<String, InstanceLane> lanes = new LinkedHashMap<>();
    private final Set<String> connections = new HashSet<>();
    private int running;
    private volatile boolean closed;

    public CheckExecutor(DispatchSettings settings, Function<CheckJob, CheckDone> attempt, HealthMetrics metrics,
                         Clock clock) {
        this.settings = settings;
        this.attempt = attempt;
        this.clock = clock;
        this.metrics = metrics;
        this.threads = Executors.newFixedThreadPool(settings.maxInFlight(), named("health-check-"));
        this.pacer = named("health-pacer-").newThread(this::pace);
        metrics.executor(this::inFlight, this::queued);
        pacer.start();
    }

    @Override
    public synchronized int room() {
        return settings.maxQueued() + settings.maxInFlight() - connections.size();
    }

    @Override
    public synchronized boolean offer(CheckJob job) {
        if (closed || room() <= 0 || !connections.add(job.connectionKey())) {
            return false;
        }
        lanes.computeIfAbsent(job.host(), this::newLane).add(job);
        notifyAll();
        return true;
    }

    public synchronized int inFlight() {
        return running;
    }

    public synchronized int queued() {
        return connections.size() - running;
    }

    /** Lanes stay once made (one per instance ever checked): a paused or paced budget must outlive a quiet moment. */
    private InstanceLane newLane(String host) {
        metrics.lane(host, () -> budgetOf(host));
        return new InstanceLane(new InstanceBudget(settings.budgetOf(host), settings.budgetWindow(), clock.instant()));
    }

    private synchronized int budgetOf(String host) {
        InstanceLane lane = lanes.get(host);
        return lane == null ? 0 : lane.budgetAvailable(clock.instant());
    }

    private void pace() {
        while (!closed) {
            List<CheckJob> ready = new ArrayList<>();
            synchronized (this) {
                Duration wait = takeReady(clock.instant(), ready);
                if (ready.isEmpty()) {
                    try {
                        wait(Math.max(1, wait.toMillis()));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            ready.forEach(this::start);
        }
    }

    /** Takes what may start now, round-robin over instances; returns how long until more may. */
    private Duration takeReady(Instant now, List<CheckJob> ready) {
        Duration wait = IDLE_WAIT;
        boolean progress = true;
        while (progress && running < settings.maxInFlight()) {
            progress = false;
            for (InstanceLane lane : lanes.values()) {
                if (running >= settings.maxInFlight()) {
                    break;
                }
                CheckJob job = lane.next(settings.maxPerInstance(), now);
                if (job != null) {
                    running++;
                    ready.add(job);
                    progress = true;
                }
            }
        }
        if (running >= settings.maxInFlight()) {
            return wait; // nothing can start before a check finishes, and finish() wakes the pacer
        }
        for (InstanceLane lane : lanes.values()) {
            if (lane.waiting() > 0 && lane.running() < settings.maxPerInstance()) {
                Duration untilBudget = lane.untilBudget(now);
                wait = untilBudget.compareTo(wait) < 0 ? untilBudget : wait;
            }
        }
        return wait;
    }

    private void start(CheckJob job) {
        metrics.started(Duration.between(job.takenAt(), clock.instant()));
        try {
            threads.execute(() -> run(job));
        } catch (RejectedExecutionException e) {
            finish(job, nothingLearnt(job));
        }
    }

    private void run(CheckJob job) {
        CheckDone done = null;
        try {
            done = attempt.apply(job);
        } catch (RuntimeException e) {
            LOG.error("check of connection={} failed unexpectedly ({})", job.connectionKey(),
                    e.getClass().getSimpleName());
        } finally {
            finish(job, done != null ? done : nothingLearnt(job));
        }
    }

    private void finish(CheckJob job, CheckDone done) {
        synchronized (this) {
            running--;
            connections.remove(job.connectionKey());
            InstanceLane lane = lanes.get(job.host());
            lane.finished();
            Instant now = clock.instant();
            done.rateLimit().ifPresent(limit -> lane.observe(job.connectionKey(), limit, now));
            done.result().flatMap(CheckResult::retryAt).ifPresent(until -> lane.throttled(job.connectionKey(), until));
            notifyAll();
        }
        job.onDone().accept(done);
    }

    private CheckDone nothingLearnt(CheckJob job) {
        return CheckDone.nothingLearnt(job, job.takenAt(), clock.instant());
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        threads.shutdown();
        try {
            pacer.join(CLOSE_GRACE.toMillis());
            if (!threads.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("health checks still running after {}; they will be checked again", CLOSE_GRACE);
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
