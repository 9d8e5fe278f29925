package io.authpipe.benchmarks;

import static io.authpipe.benchmarks.Cells.count;
import static io.authpipe.benchmarks.Cells.decimal;
import static io.authpipe.benchmarks.Cells.millis;
import static io.authpipe.benchmarks.Cells.ratio;
import static io.authpipe.benchmarks.Cells.seconds;
import static io.authpipe.benchmarks.Cells.secondsOf;
import static io.authpipe.benchmarks.Cells.slope;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Prints the health-worker scale report: load, burst, steady flow, detection and growth tables, as plain text and then
 * again as Markdown, and the derived wait for a scheduled check.
 */
final class HealthReportPrinter {
    private static final double MB = 1024.0 * 1024.0;

    private final PrintStream out;

    HealthReportPrinter(PrintStream out) {
        this.out = out;
    }

    void print(String setting, List<HealthScaleResult> results) {
        List<ReportTable> tables = List.of(loadTable(results), burstTable(results), steadyTable(results),
                detectionTable(results), growthTable(results));
        List<String> titles = List.of("Load, memory and disk", "All N due at once", "Scheduled checks falling due",
                "Detection of a revoked token with a 401 report", "Growth from one size to the next");
        ReportTable.printAll(out, setting, titles, tables, List.of(derivedWait(results)));
    }

    private static ReportTable loadTable(List<HealthScaleResult> results) {
        ReportTable table = new ReportTable(List.of("connections", "subject record B", "write s", "worker start s",
                "ingest s", "ingested/s", "worker CPU µs/connection", "scheduled gauge", "worker heap Δ MB",
                "heap B/connection", "worker RSS Δ MB", "RSS B/connection", "state MB", "state B/connection",
                "changelogs MB", "changelog B/connection", "loader heap Δ MB", "idle worker CPU ms/s"), 0);
        for (HealthScaleResult result : results) {
            LoadFigures load = result.load();
            int n = result.connections();
            table.row(List.of(count(n), count(load.recordBytes() / n), seconds(load.publish()),
                    seconds(load.startup()), seconds(load.ingest()), count(Math.round(n / secondsOf(load.ingest()))),
                    decimal(load.ingestCpu().workerNanos() / 1e3 / n, 1), count(Math.round(load.pendingGauge())),
                    decimal(load.workerHeap() / MB, 1), count(load.workerHeap() / n),
                    load.workerResident().isEmpty() ? "-" : decimal(load.workerResident().getAsLong() / MB, 1),
                    load.workerResident().isEmpty() ? "-" : count(load.workerResident().getAsLong() / n),
                    decimal(load.stateBytes() / MB, 1), count(load.stateBytes() / n),
                    decimal(load.changelogBytes() / MB, 1), count(load.changelogBytes() / n),
                    decimal(load.sandboxHeap() / MB, 1),
                    decimal(result.idleCpu().workerNanos() / 1e6 / secondsOf(result.idleWall()), 1)));
        }
        return table;
    }

    private static ReportTable burstTable(List<HealthScaleResult> results) {
        ReportTable table = new ReportTable(List.of("connections", "in flight / per instance", "due", "first s",
                "10 % s", "90 % s", "all done s", "sustained checks/s", "overall checks/s", "worker CPU ms/check",
                "process CPU ms/check", "sandbox CPU ms/check", "budget wait p50 s", "budget wait p99 s", "request p50 ms", "request p99 ms",
                "other outcomes"), 0);
        for (HealthScaleResult result : results) {
            BurstFigures burst = result.burst();
            table.row(List.of(count(result.connections()), result.maxInFlight() + " / " + result.maxPerInstance(),
                    count(burst.due()), seconds(burst.first()), seconds(burst.tenth()), seconds(burst.ninetieth()),
                    seconds(burst.wall()), count(Math.round(burst.sustainedPerSecond())),
                    count(Math.round(burst.overallPerSecond())), perCheck(burst.cpu().workerNanos(), burst.due()),
                    perCheck(burst.cpu().processNanos(), burst.due()), perCheck(burst.sandboxCpu(), burst.due()),
                    seconds(burst.budgetWait().p50()),
                    seconds(burst.budgetWait().p99()), millis(burst.request().p50(), 1),
                    millis(burst.request().p99(), 1),
                    burst.otherOutcomes().isEmpty() ? "none" : burst.otherOutcomes()));
        }
        return table;
    }

    private static ReportTable steadyTable(List<HealthScaleResult> results) {
        ReportTable table = new ReportTable(List.of("connections", "window s", "checks", "checks/s",
                "worker CPU ms/s", "worker CPU ms/check", "lag p50 ms", "lag p99 ms", "lag mean ms",
                "budget wait p50 ms", "budget wait p99 ms", "budget wait mean ms", "request p50 ms", "request p99 ms",
                "request mean ms", "due → result mean ms"), 0);
        for (HealthScaleResult result : results) {
            SteadyFigures steady = result.steady();
            table.row(List.of(count(result.connections()), decimal(secondsOf(steady.window()), 0),
                    count(steady.checks()), decimal(steady.checksPerSecond(), 1),
                    decimal(steady.cpu().workerNanos() / 1e6 / secondsOf(steady.window()), 1),
                    perCheck(steady.cpu().workerNanos(), steady.checks()), millis(steady.lag().p50(), 0),
                    millis(steady.lag().p99(), 0), millis(steady.lagMean(), 0),
                    millis(steady.budgetWait().p50(), 1), millis(steady.budgetWait().p99(), 1),
                    millis(steady.waitMean(), 1), millis(steady.request().p50(), 1),
                    millis(steady.request().p99(), 1), millis(steady.requestMean(), 1),
                    millis(steady.pipelineMean(), 0)));
        }
        return table;
    }

    private static ReportTable detectionTable(List<HealthScaleResult> results) {
        ReportTable table = new ReportTable(List.of("connections", "probes", "p50 ms", "p99 ms", "max ms"), 0);
        for (HealthScaleResult result : results) {
            Percentiles detection = result.detection();
            table.row(List.of(count(result.connections()), count(detection.count()), millis(detection.p50(), 0),
                    millis(detection.p99(), 0), millis(detection.max(), 0)));
        }
        return table;
    }

    /** Ratios (×) between consecutive sizes, smallest first, and per-connection slopes. */
    private static ReportTable growthTable(List<HealthScaleResult> unordered) {
        List<HealthScaleResult> results = unordered.stream()
                .sorted(Comparator.comparingInt(HealthScaleResult::connections)).toList();
        ReportTable table = new ReportTable(List.of("sizes", "N ×", "ingest s ×", "ingest CPU µs/added connection",
                "heap B/added connection", "RSS B/added connection", "state B/added connection",
                "changelog B/added connection", "sustained checks/s ×", "worker CPU/check ×", "idle CPU ×"), 1);
        for (int i = 1; i < results.size(); i++) {
            HealthScaleResult from = results.get(i - 1);
            HealthScaleResult to = results.get(i);
            long added = (long) to.connections() - from.connections();
            table.row(List.of(count(from.connections()) + " → " + count(to.connections()),
                    ratio(to.connections(), from.connections()),
                    ratio(secondsOf(to.load().ingest()), secondsOf(from.load().ingest())),
                    decimal((to.load().ingestCpu().workerNanos() - from.load().ingestCpu().workerNanos()) / 1e3
                            / added, 1),
                    slope(to.load().workerHeap() - from.load().workerHeap(), added),
                    from.load().workerResident().isEmpty() || to.load().workerResident().isEmpty() ? "-"
                            : slope(to.load().workerResident().getAsLong()
                                    - from.load().workerResident().getAsLong(), added),
                    slope(to.load().stateBytes() - from.load().stateBytes(), added),
                    slope(to.load().changelogBytes() - from.load().changelogBytes(), added),
                    ratio(to.burst().sustainedPerSecond(), from.burst().sustainedPerSecond()),
                    ratio(workerMillisPerCheck(to), workerMillisPerCheck(from)),
                    ratio(to.idleCpu().workerNanos() / secondsOf(to.idleWall()),
                            from.idleCpu().workerNanos() / secondsOf(from.idleWall()))));
        }
        return table;
    }

    /** The schedule's share of detection without a report: derived from the cadence, not measured. */
    private static String derivedWait(List<HealthScaleResult> results) {
        Duration interval = HealthScaleRun.INTERVAL;
        String pipeline = results.stream().map(r -> count(r.connections()) + ": "
                + millis(r.steady().pipelineMean(), 0) + " ms").reduce((a, b) -> a + ", " + b).orElse("-");
        return String.format(Locale.ROOT, "Derived, not measured: with AUTHPIPE_HEALTH_INTERVAL=%d min and no 401"
                        + " report, a revocation at a random moment waits for the connection's next scheduled check"
                        + " (every interval × U(0.8, 1.2) after the last): mean %.1f min, median %.1f, p99 %.1f, at"
                        + " most %.1f; then the check pipeline, due → result, measured above (mean %s).",
                interval.toMinutes(), minutes(ScheduleWait.mean(interval)),
                minutes(ScheduleWait.quantile(interval, 0.5)), minutes(ScheduleWait.quantile(interval, 0.99)),
                minutes(ScheduleWait.max(interval)), pipeline);
    }

    private static double workerMillisPerCheck(HealthScaleResult result) {
        return result.burst().cpu().workerNanos() / 1e6 / Math.max(1, result.burst().due());
    }

    private static String perCheck(long nanos, long checks) {
        return decimal(nanos / 1e6 / Math.max(1, checks), 2);
    }

    private static double minutes(Duration duration) {
        return duration.toMillis() / 60_000.0;
    }
}
