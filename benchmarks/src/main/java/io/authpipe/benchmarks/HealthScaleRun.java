package io.authpipe.benchmarks;

import io.authpipe.health.HealthSettings;
import io.authpipe.health.HealthWorker;
import io.authpipe.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One size of {@link HealthWorkerScaleReport}, in a fresh {@link ScaleEnvironment}, the worker on a
 * {@link SteppedClock} with the default interval of {@link #INTERVAL}:
 * <ol>
 *   <li>load: N check subjects are written; a health-worker starts and ingests them all (each connection's first check
 *       is due 15 to 45 minutes later, so none runs yet); then a few idle seconds;</li>
 *   <li>burst: the worker's clock steps 45 minutes ahead, so every connection is due at once, and the phase ends when
 *       all N have been checked;</li>
 *   <li>steady: every connection's next check is 24 to 36 minutes after its burst check; the clock steps to just
 *       before the earliest, so checks fall due one by one, and {@link #STEADY_WINDOW} of that flow is measured;</li>
 *   <li>detection: in that flow, {@link #PROBES} times, a token is revoked and a check requested
 *       ({@link RevocationProbe});</li>
 *   <li>the worker stops (its stores flush) and its state directory is measured.</li>
 * </ol>
 */
final class HealthScaleRun {
    /** The worker's default {@code AUTHPIPE_HEALTH_INTERVAL}, which the report keeps. */
    static final Duration INTERVAL = Duration.ofMinutes(30);
    /** The largest {@code AUTHPIPE_HEALTH_INSTANCE_BUDGET} the worker accepts: out of the way of every run. */
    static final int INSTANCE_BUDGET = 10_000_000;
    static final int PROBES = 30;
    /** Longer than Micrometer's two-minute window, so the percentiles read at its end hold none of the burst. */
    static final Duration STEADY_WINDOW = Duration.ofSeconds(130);
    static final int WARM_UP_CONNECTIONS = 5_000;
    private static final Duration WARM_UP_WINDOW = Duration.ofSeconds(10);
    private static final int WARM_UP_PROBES = 5;
    private static final Duration IDLE = Duration.ofSeconds(5);
    private static final Duration STEP_MARGIN = Duration.ofSeconds(5);
    /** A check is counted before the schedule settles it (at the next scan): room for the last ones to settle. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Duration GAUGE_UPDATE = Duration.ofSeconds(2);
    private static final Duration INGEST_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration BURST_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final WorkerApp APP = WorkerApp.HEALTH;
    private static final Predicate<String> SANDBOX_THREADS = name -> name.startsWith("JettyServerThreadPool");
    private static final Logger LOG = LoggerFactory.getLogger(HealthScaleRun.class);

    private final ScaleEnvironment env;
    private final int connections;
    private final HealthScaleOptions options;
    private final Duration steadyWindow;
    private final int probes;
    private final SteppedClock clock = new SteppedClock();
    private final CheckSubjectLoader loader;

    private HealthScaleRun(ScaleEnvironment env, int connections, HealthScaleOptions options, Duration steadyWindow,
                           int probes) {
        this.env = env;
        this.connections = connections;
        this.options = options;
        this.steadyWindow = steadyWindow;
        this.probes = probes;
        this.loader = new CheckSubjectLoader(env);
    }

    /**
     * A run of {@value #WARM_UP_CONNECTIONS} connections whose figures are dropped: it warms the JIT for the measured
     * run (every phase, the steady one and the probes cut short).
     */
    static void warmUp(HealthScaleOptions options) {
        LOG.info("warm-up run with {} connections (not reported)", WARM_UP_CONNECTIONS);
        try (ScaleEnvironment env = ScaleEnvironment.start(EnvironmentSpec.healthWorker())) {
            new HealthScaleRun(env, WARM_UP_CONNECTIONS, options, WARM_UP_WINDOW, WARM_UP_PROBES).run();
        }
    }

    static HealthScaleResult measure(int connections, HealthScaleOptions options) {
        try (ScaleEnvironment env = ScaleEnvironment.start(EnvironmentSpec.healthWorker())) {
            return new HealthScaleRun(env, connections, options, STEADY_WINDOW, PROBES).run();
        }
    }

    private HealthScaleResult run() {
        long heapBeforeLoad = MemoryProbe.heapUsedAfterGc();
        long started = System.nanoTime();
        List<SampleConnection> sample = loader.load(connections, probes);
        Duration publish = since(started);
        LOG.info("connections={}: subjects written in {} s; starting the health-worker", connections,
                seconds(publish));
        HealthScaleResult result;
        try (IngestProgress progress = new IngestProgress(env.bootstrap(), APP.applicationId(),
                Topics.CHECK_SUBJECTS, ScaleEnvironment.PARTITIONS)) {
            Baseline beforeWorker = Baseline.now();
            HealthWorker worker = HealthWorker.start(workerSettings(), clock);
            try {
                LoadFigures load = ingest(worker, progress, beforeWorker, publish,
                        beforeWorker.heap() - heapBeforeLoad);
                result = checks(new HealthMeters(worker.meters()), load, sample);
            } finally {
                worker.close();
            }
        }
        return result.withStateBytes(MemoryProbe.bytesUnder(env.workerStateDir("health-worker")));
    }

    /**
     * Waits until the worker has every subject in its schedule, and returns the load's figures: changelogs as they
     * are now, before any check; state bytes still unknown (the stores flush when the worker closes).
     */
    private LoadFigures ingest(HealthWorker worker, IngestProgress progress, Baseline beforeWorker, Duration publish,
                               long loaderHeap) {
        Duration startup = since(beforeWorker.nanos());
        progress.awaitCaughtUp(INGEST_TIMEOUT);
        Duration ingest = since(beforeWorker.nanos()).minus(startup);
        CpuUse ingestCpu = CpuSample.now(APP).since(beforeWorker.cpu());
        LOG.info("connections={}: ingested in {} s", connections, seconds(ingest));
        Poll.sleepUntil(Instant.now().plus(GAUGE_UPDATE)); // the scheduled gauge is updated by the next scans
        long heap = MemoryProbe.heapUsedAfterGc();
        OptionalLong resident = MemoryProbe.residentBytes();
        return new LoadFigures(publish, loader.bytesWritten(), startup, ingest, ingestCpu, loaderHeap,
                heap - beforeWorker.heap(), MemoryProbe.growth(beforeWorker.resident(), resident),
                new HealthMeters(worker.meters()).scheduled(), 0, env.changelogBytes(APP));
    }

    /** Idle, burst, steady flow and detection, in that order. */
    private HealthScaleResult checks(HealthMeters meters, LoadFigures load, List<SampleConnection> sample) {
        CpuSample idleFrom = CpuSample.now(APP);
        Poll.sleepUntil(Instant.now().plus(IDLE));
        CpuUse idle = CpuSample.now(APP).since(idleFrom);
        Milestones burstProgress = new Milestones(connections, System.nanoTime());
        BurstFigures burst = burst(meters, burstProgress);
        SteadyFigures steady = steady(meters, burstProgress);
        Percentiles detection = detect(sample);
        return new HealthScaleResult(connections, options.maxInFlight(), options.maxPerInstance(), load, idle, IDLE,
                burst, steady, detection);
    }

    /** Steps the clock past every first check and waits until all N are checked. */
    private BurstFigures burst(HealthMeters meters, Milestones progress) {
        Map<String, Long> outcomesBefore = meters.outcomes();
        long checksBefore = meters.checks();
        CpuSample atDue = CpuSample.now(APP);
        CpuSample sandboxAtDue = CpuSample.now(SANDBOX_THREADS);
        clock.advance(INTERVAL.multipliedBy(3).dividedBy(2).plusSeconds(1));
        LOG.info("connections={}: all due now", connections);
        Poll.until(() -> progress.record(meters.checks() - checksBefore), POLL, BURST_TIMEOUT,
                "a check of every connection");
        CpuUse cpu = CpuSample.now(APP).since(atDue);
        long sandboxCpu = CpuSample.now(SANDBOX_THREADS).since(sandboxAtDue).workerNanos();
        LOG.info("connections={}: all checked in {} s", connections, seconds(progress.all()));
        return new BurstFigures(connections, progress.first(), progress.tenth(), progress.ninetieth(),
                progress.all(), cpu, sandboxCpu, meters.percentiles(HealthMeters.BUDGET_WAIT),
                meters.percentiles(HealthMeters.REQUEST), WorkerMeters.since(outcomesBefore, meters.outcomes()));
    }

    /**
     * Every connection's next check is at least 0.8 × the interval after its burst check: once the last ones are
     * settled, steps the clock to {@link #STEP_MARGIN} before the earliest of them and measures the steady window of
     * checks falling due.
     */
    private SteadyFigures steady(HealthMeters meters, Milestones burst) {
        Poll.sleepUntil(Instant.now().plus(SETTLE));
        Duration step = INTERVAL.multipliedBy(4).dividedBy(5).minus(burst.sinceFirst()).minus(STEP_MARGIN);
        if (step.isNegative()) {
            throw new IllegalStateException("the burst took longer than 0.8 × the interval: no steady flow to measure");
        }
        clock.advance(step);
        long checksBefore = meters.checks();
        TimerTotals lag = meters.totals(HealthMeters.DISPATCH_LAG);
        TimerTotals wait = meters.totals(HealthMeters.BUDGET_WAIT);
        TimerTotals request = meters.totals(HealthMeters.REQUEST);
        CpuSample from = CpuSample.now(APP);
        LOG.info("connections={}: measuring {} s of scheduled checks falling due", connections,
                steadyWindow.toSeconds());
        Poll.sleepUntil(Instant.now().plus(steadyWindow));
        CpuUse cpu = CpuSample.now(APP).since(from);
        long checks = meters.checks() - checksBefore;
        LOG.info("connections={}: {} scheduled checks in the window ({} expected once the flow is up: N × window /"
                + " (0.4 × interval))", connections, checks, connections * steadyWindow.minus(STEP_MARGIN).toMillis()
                / INTERVAL.multipliedBy(2).dividedBy(5).toMillis());
        return new SteadyFigures(steadyWindow, checks, cpu,
                meters.percentiles(HealthMeters.DISPATCH_LAG), meters.percentiles(HealthMeters.BUDGET_WAIT),
                meters.percentiles(HealthMeters.REQUEST), meters.totals(HealthMeters.DISPATCH_LAG).meanSince(lag),
                meters.totals(HealthMeters.BUDGET_WAIT).meanSince(wait),
                meters.totals(HealthMeters.REQUEST).meanSince(request));
    }

    /** Revokes each sample connection's token in turn and requests a check, half a second to 1.5 s apart. */
    private Percentiles detect(List<SampleConnection> sample) {
        SplittableRandom random = new SplittableRandom(sample.size());
        List<Duration> latencies = new ArrayList<>();
        try (RevocationProbe probe = new RevocationProbe(env, clock)) {
            for (SampleConnection connection : sample) {
                latencies.add(probe.detect(connection));
                LOG.info("connections={}: probe {}: REVOKED after {} ms", connections, latencies.size(),
                        latencies.get(latencies.size() - 1).toMillis());
                Poll.sleepUntil(Instant.now().plusMillis(500 + random.nextInt(1000)));
            }
        }
        Percentiles detection = Percentiles.of(latencies);
        LOG.info("connections={}: {} revocations detected, p50 {} ms", connections, latencies.size(),
                detection.p50().toMillis());
        return detection;
    }

    private HealthSettings workerSettings() {
        return HealthSettings.fromEnv(env.bootstrap(), env.workerEnv(Map.of(
                "AUTHPIPE_HEALTH_APPLICATION_ID", APP.applicationId(),
                "AUTHPIPE_HEALTH_MAX_IN_FLIGHT", Integer.toString(options.maxInFlight()),
                "AUTHPIPE_HEALTH_MAX_PER_INSTANCE", Integer.toString(options.maxPerInstance()),
                "AUTHPIPE_HEALTH_INSTANCE_BUDGET", Integer.toString(INSTANCE_BUDGET),
                // the probe's check requests are unsigned: what is measured is the check, not its signature
                "AUTHPIPE_TOPIC_REQUESTS", "unsigned")));
    }

    /** Heap (after full GCs), resident memory, CPU and {@link System#nanoTime()} just before the worker starts. */
    private record Baseline(long heap, OptionalLong resident, CpuSample cpu, long nanos) {
        static Baseline now() {
            return new Baseline(MemoryProbe.heapUsedAfterGc(), MemoryProbe.residentBytes(), CpuSample.now(APP),
                    System.nanoTime());
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
