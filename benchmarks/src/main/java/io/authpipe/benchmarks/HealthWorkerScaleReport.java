package io.authpipe.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health-worker at scale: for each count N of scheduled connections (default 10k and 100k), in a fresh embedded
 * broker and Mastodon sandbox, how long N check subjects take to ingest and what they cost in heap, native memory and
 * on disk; how many checks per second the worker sustains against the sandbox with all N due at once, and the CPU per
 * check; what a scheduled check costs from its due time to its result when checks fall due one by one; and how long a
 * revoked token takes to be reported {@code REVOKED} once a consuming service asks for a check (a 401 reported).
 * Without a report, detection waits for the next scheduled check: that part is derived from the cadence
 * ({@link ScheduleWait}), not measured. Steps in {@link HealthScaleRun}; options in {@link HealthScaleOptions}.
 *
 * <p>The worker runs with the default interval of 30 minutes on a clock the report steps forward ({@link SteppedClock})
 * rather than waiting: once past every first check (all N due), once to just before the next checks (a steady flow).
 * Each size runs in a JVM of its own ({@link ForkedHealthScaleRun}, with this JVM's options), after an unreported
 * warm-up run of {@value HealthScaleRun#WARM_UP_CONNECTIONS} connections in that JVM. Within it the broker, the
 * sandbox, the loader and the worker share the process; heap figures are differences taken after full GCs around the
 * worker's start. The vault is not part of it: the figures end at the worker's result on
 * {@code authpipe.connection-events}.
 *
 * <p>Run: {@code java -Xms3g -Xmx3g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar
 * io.authpipe.benchmarks.HealthWorkerScaleReport [sizes] [--max-in-flight=N] [--max-per-instance=N] [--no-warm-up]
 * [--in-process]}
 */
public final class HealthWorkerScaleReport {
    private static final Logger LOG = LoggerFactory.getLogger(HealthWorkerScaleReport.class);

    private HealthWorkerScaleReport() {
    }

    public static void main(String[] args) {
        HealthScaleOptions options = HealthScaleOptions.parse(args);
        List<HealthScaleResult> results = new ArrayList<>();
        if (!options.fork() && options.warmUp()) {
            HealthScaleRun.warmUp(options);
        }
        for (int connections : options.sizes()) {
            LOG.info("run with {} connections{}", connections, options.fork() ? ", in a JVM of its own" : "");
            results.add(options.fork() ? ForkedHealthScaleRun.run(connections, options)
                    : HealthScaleRun.measure(connections, options));
        }
        new HealthReportPrinter(System.out).print(setting(options), results);
    }

    private static String setting(HealthScaleOptions options) {
        List<String> lines = new ArrayList<>();
        lines.add("health-worker at scale: Java " + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, JVM options "
                + ManagementFactory.getRuntimeMXBean().getInputArguments() + "; "
                + (options.fork() ? "each size in a JVM of its own" : "all sizes in this JVM, in order")
                + (options.warmUp() ? " after a warm-up run of " + Cells.count(HealthScaleRun.WARM_UP_CONNECTIONS)
                        + " connections" : ", no warm-up"));
        lines.add(String.format(Locale.ROOT, "worker: AUTHPIPE_HEALTH_INTERVAL %d min and scan interval 500 ms (the"
                        + " defaults), AUTHPIPE_HEALTH_MAX_IN_FLIGHT=%d, AUTHPIPE_HEALTH_MAX_PER_INSTANCE=%d,"
                        + " AUTHPIPE_HEALTH_INSTANCE_BUDGET=%s per 5 min, max queued 10,000; 1 stream thread,"
                        + " %d partitions, exactly-once; every connection on the one sandbox account; steady window"
                        + " %d s; %d detection probes",
                HealthScaleRun.INTERVAL.toMinutes(), options.maxInFlight(), options.maxPerInstance(),
                Cells.count(HealthScaleRun.INSTANCE_BUDGET), ScaleEnvironment.PARTITIONS,
                HealthScaleRun.STEADY_WINDOW.toSeconds(), HealthScaleRun.PROBES));
        lines.add("burst: the worker's clock stepped past every first check; first / 10 % / 90 % / all done = from the"
                + " step until that many checks were counted; sustained = 80 % of N / (90 % - 10 %)");
        lines.add("steady: clock stepped to just before the earliest next check; lag = due -> hand-over, budget wait ="
                + " hand-over -> start, request = open token + verify_credentials; percentiles are the worker's"
                + " estimates over the window, means exact");
        lines.add("detection: revoke at the sandbox + CheckRequest (TOKEN_REFUSED, 401) -> CredentialChecked REVOKED"
                + " record timestamp, exact; p99 of 30 probes is their maximum");
        lines.add("worker CPU = the worker's threads (executor, pacer, Streams, Kafka clients, OkHttp); process CPU"
                + " adds the broker, the sandbox, GC, JIT and RocksDB's native threads");
        return String.join(System.lineSeparator(), lines);
    }
}
