package io.authpipe.benchmarks;

import io.authpipe.events.ExpiryTimer;
import io.authpipe.refresh.RefreshSettings;
import io.authpipe.refresh.RefreshWorker;
import io.authpipe.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One size, in a fresh {@link ScaleEnvironment}:
 * <ol>
 *   <li>load: N timers due in one to two days are written; a refresh-worker starts and ingests them all;</li>
 *   <li>dispatch: K = min(N, {@value #MAX_DUE}) of them are written again, same version, due
 *       {@link #DUE_DELAY} later; the worker waits idle for that instant, then refreshes them at the sandbox;</li>
 *   <li>the worker stops (its stores flush) and its state directory is measured.</li>
 * </ol>
 */
final class ScaleRun {
    static final int MAX_DUE = 10_000;
    /** Room for the K timers to be ingested before they are due, and a few idle seconds to measure. */
    private static final Duration DUE_DELAY = Duration.ofSeconds(15);
    private static final Duration INGEST_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration DISPATCH_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration GAUGE_UPDATE = Duration.ofSeconds(2);
    private static final WorkerApp APP = WorkerApp.REFRESH;
    private static final Logger LOG = LoggerFactory.getLogger(ScaleRun.class);

    private final ScaleEnvironment env;
    private final int timers;
    private final int maxInFlight;
    private final TimerLoader loader;

    private ScaleRun(ScaleEnvironment env, int timers, int maxInFlight) {
        this.env = env;
        this.timers = timers;
        this.maxInFlight = maxInFlight;
        this.loader = new TimerLoader(env);
    }

    /** A run of {@value #MAX_DUE} timers whose figures are dropped: it warms the JIT for the measured runs. */
    static void warmUp(int maxInFlight) {
        LOG.info("warm-up run with {} timers (not reported)", MAX_DUE);
        measure(MAX_DUE, maxInFlight);
    }

    static ScaleResult measure(int timers, int maxInFlight) {
        try (ScaleEnvironment env = ScaleEnvironment.start(EnvironmentSpec.refreshWorker())) {
            return new ScaleRun(env, timers, maxInFlight).measure();
        }
    }

    private ScaleResult measure() {
        long heapBeforeLoad = MemoryProbe.heapUsedAfterGc();
        long started = System.nanoTime();
        List<ExpiryTimer> due = loader.load(timers, Math.min(timers, MAX_DUE), Instant.now().plus(Duration.ofDays(1)));
        Duration publish = since(started);
        long recordBytes = loader.bytesWritten();
        LOG.info("timers={}: written in {} s; starting the refresh-worker", timers, seconds(publish));
        try (IngestProgress progress = new IngestProgress(env.bootstrap(), APP.applicationId(), Topics.EXPIRY_TIMERS,
                ScaleEnvironment.PARTITIONS)) {
            Baseline beforeWorker = Baseline.now();
            long starting = System.nanoTime();
            RefreshWorker worker = RefreshWorker.start(workerSettings(), Clock.systemUTC());
            LoadFigures load;
            DispatchFigures dispatch;
            try {
                Duration startup = since(starting);
                progress.awaitCaughtUp(INGEST_TIMEOUT);
                Duration ingest = since(starting).minus(startup);
                CpuUse ingestCpu = CpuSample.now(APP).since(beforeWorker.cpu());
                LOG.info("timers={}: ingested in {} s", timers, seconds(ingest));
                Poll.sleepUntil(Instant.now().plus(GAUGE_UPDATE)); // the pending gauge is updated by the next scans
                WorkerMeters meters = new WorkerMeters(worker.meters());
                long heap = MemoryProbe.heapUsedAfterGc();
                OptionalLong resident = MemoryProbe.residentBytes();
                load = new LoadFigures(publish, recordBytes, startup, ingest, ingestCpu,
                        beforeWorker.heap() - heapBeforeLoad, heap - beforeWorker.heap(),
                        MemoryProbe.growth(beforeWorker.resident(), resident), meters.pendingTimers(), 0, 0);
                dispatch = dispatch(meters, progress, due);
            } finally {
                worker.close();
            }
            return new ScaleResult(timers, withStoredBytes(load), dispatch);
        }
    }

    private DispatchFigures dispatch(WorkerMeters meters, IngestProgress progress, List<ExpiryTimer> due) {
        Map<String, Long> outcomesBefore = meters.outcomes();
        Instant dueAt = Instant.now().plus(DUE_DELAY);
        loader.republish(due, dueAt);
        progress.awaitCaughtUp(DUE_DELAY);
        Instant idleFrom = Instant.now();
        CpuSample beforeIdle = CpuSample.now(APP);
        Poll.sleepUntil(dueAt);
        CpuSample atDue = CpuSample.now(APP);
        LOG.info("timers={}: {} timers due now", timers, due.size());
        Poll.until(() -> answered(WorkerMeters.since(outcomesBefore, meters.outcomes())) >= due.size(),
                Duration.ofMillis(10), DISPATCH_TIMEOUT, "a result for every due timer");
        Duration wall = Duration.between(dueAt, Instant.now());
        CpuUse cpu = CpuSample.now(APP).since(atDue);
        Percentiles lag = meters.dispatchLag();
        Percentiles requests = meters.requests();
        Map<String, Long> outcomes = WorkerMeters.since(outcomesBefore, meters.outcomes());
        LOG.info("timers={}: {} results in {} s", timers, due.size(), seconds(wall));
        return new DispatchFigures(due.size(), wall, lag,
                ResultLatency.of(env.bootstrap(), ScaleEnvironment.PARTITIONS, dueAt), requests, cpu,
                atDue.since(beforeIdle), Duration.between(idleFrom, dueAt), outcomes);
    }

    /** The load figures with the sizes of the worker's state, measured once it closed and flushed its stores. */
    private LoadFigures withStoredBytes(LoadFigures load) {
        return load.withStoredBytes(MemoryProbe.bytesUnder(env.workerStateDir("refresh-worker")),
                env.changelogBytes(APP));
    }

    /** The refresh-worker's settings: this environment's broker, key file, state directory and sandbox. */
    private RefreshSettings workerSettings() {
        return RefreshSettings.fromEnv(env.bootstrap(), env.workerEnv(Map.of(
                "AUTHPIPE_REFRESH_APPLICATION_ID", APP.applicationId(),
                // the worker's default unless this process's environment sets it
                "AUTHPIPE_REFRESH_SCAN_INTERVAL", Optional.ofNullable(
                        System.getenv("AUTHPIPE_REFRESH_SCAN_INTERVAL")).orElse("200ms"),
                "AUTHPIPE_REFRESH_MAX_IN_FLIGHT", Integer.toString(maxInFlight),
                "AUTHPIPE_REFRESH_MAX_PER_HOST", Integer.toString(Math.min(maxInFlight, 1024)),
                // no vault applies the results here, so a lease would run out and re-dispatch: outlast the run
                "AUTHPIPE_REFRESH_LEASE", "1h")));
    }

    private static long answered(Map<String, Long> outcomes) {
        return outcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Heap (after full GCs), resident memory and CPU just before the worker starts. */
    private record Baseline(long heap, OptionalLong resident, CpuSample cpu) {
        static Baseline now() {
            return new Baseline(MemoryProbe.heapUsedAfterGc(), MemoryProbe.residentBytes(), CpuSample.now(APP));
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
