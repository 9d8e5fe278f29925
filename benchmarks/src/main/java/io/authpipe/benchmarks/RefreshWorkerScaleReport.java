package io.authpipe.benchmarks;

import io.authpipe.refresh.ScheduleSettings;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refresh-worker at scale: for each timer count N (default 10k, 100k, 1M), in a fresh embedded broker and
 * Mastodon sandbox, how long N timers take to ingest, what they cost in heap and on disk, and what happens when
 * K = min(N, 10,000) of them fall due at the same instant while the rest wait: dispatch lag, refreshes per second
 * and CPU per refresh. The design claims dispatch cost grows with what is due, not with N; the last table shows how
 * each figure grows from one size to the next. Steps in {@link ScaleRun}; options in {@link ScaleOptions}.
 *
 * <p>Each size runs in a JVM of its own ({@link ForkedScaleRun}, with this JVM's options), after an unreported
 * warm-up run of 10,000 timers in that JVM. Within it the broker, the sandbox, the loader and the worker share the
 * process; heap figures are differences taken after full GCs around the worker's start, so the sandbox's tokens are
 * not counted as the worker's.
 *
 * <p>Run: {@code java -Xms6g -Xmx6g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar
 * io.authpipe.benchmarks.RefreshWorkerScaleReport [sizes] [--max-in-flight=N] [--no-warm-up] [--in-process]}
 */
public final class RefreshWorkerScaleReport {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshWorkerScaleReport.class);

    private RefreshWorkerScaleReport() {
    }

    public static void main(String[] args) {
        ScaleOptions options = ScaleOptions.parse(args);
        List<ScaleResult> results = new ArrayList<>();
        if (!options.fork() && options.warmUp()) {
            ScaleRun.warmUp(options.maxInFlight());
        }
        for (int timers : options.sizes()) {
            LOG.info("run with {} timers{}", timers, options.fork() ? ", in a JVM of its own" : "");
            results.add(options.fork() ? ForkedScaleRun.run(timers, options)
                    : ScaleRun.measure(timers, options.maxInFlight()));
        }
        new ScaleReportPrinter(System.out).print(setting(options), results);
    }

    private static String setting(ScaleOptions options) {
        List<String> lines = new ArrayList<>();
        lines.add("refresh-worker at scale: Java " + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, JVM options "
                + ManagementFactory.getRuntimeMXBean().getInputArguments() + "; "
                + (options.fork() ? "each size in a JVM of its own" : "all sizes in this JVM, in order")
                + (options.warmUp() ? " after a warm-up run of " + ScaleReportPrinter.count(ScaleRun.MAX_DUE)
                        + " timers" : ", no warm-up"));
        lines.add(String.format(Locale.ROOT, "worker: scan interval 1 s, AUTHPIPE_REFRESH_MAX_IN_FLIGHT=%d, "
                        + "AUTHPIPE_REFRESH_MAX_PER_HOST=%d, max due per tick %s, 1 stream thread, %d partitions, "
                        + "exactly-once; sandbox tokens live %d days and rotate; connection keys of %d characters; "
                        + "K = min(N, %s) timers due at once",
                options.maxInFlight(), Math.min(options.maxInFlight(), 1024),
                ScaleReportPrinter.count(ScheduleSettings.DEFAULT_MAX_DUE_PER_TICK),
                ScaleEnvironment.PARTITIONS, ScaleEnvironment.TOKEN_TTL.toDays(), TimerLoader.connectionKeyLength(),
                ScaleReportPrinter.count(ScaleRun.MAX_DUE)));
        lines.addAll(ScaleReportPrinter.legend());
        return String.join(System.lineSeparator(), lines);
    }
}
