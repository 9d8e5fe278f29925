package io.authpipe.benchmarks;

import static io.authpipe.benchmarks.Cells.decimal;
import static io.authpipe.benchmarks.Cells.ratio;
import static io.authpipe.benchmarks.Cells.seconds;
import static io.authpipe.benchmarks.Cells.secondsOf;
import static io.authpipe.benchmarks.Cells.slope;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Prints the refresh-worker scale report: a load table, a dispatch table and how the figures grow from one size to
 * the next, as plain text and then again as Markdown.
 */
final class ScaleReportPrinter {
    private static final double MB = 1024.0 * 1024.0;

    private final PrintStream out;

    ScaleReportPrinter(PrintStream out) {
        this.out = out;
    }

    void print(String setting, List<ScaleResult> results) {
        List<ReportTable> tables = List.of(loadTable(results), dispatchTable(results), growthTable(results));
        List<String> titles = List.of("Load", "Dispatch", "Growth from one size to the next");
        ReportTable.printAll(out, setting, titles, tables, List.of());
    }

    private static ReportTable loadTable(List<ScaleResult> results) {
        ReportTable table = new ReportTable(List.of("timers", "timer record B", "write s", "worker start s",
                "ingest s", "ingested/s",
                "worker CPU µs/timer", "pending gauge", "worker heap Δ MB", "heap B/timer", "worker RSS Δ MB",
                "state MB", "state B/timer", "changelogs MB", "changelog B/timer", "loader heap Δ MB"), 0);
        for (ScaleResult result : results) {
            LoadFigures load = result.load();
            int n = result.timers();
            table.row(List.of(count(n), count(load.recordBytes() / n), seconds(load.publish()),
                    seconds(load.startup()), seconds(load.ingest()),
                    count(Math.round(n / secondsOf(load.ingest()))),
                    decimal(load.ingestCpu().workerNanos() / 1e3 / n, 1), count(Math.round(load.pendingGauge())),
                    decimal(load.workerHeap() / MB, 1), count(load.workerHeap() / n),
                    load.workerResident().isEmpty() ? "-" : decimal(load.workerResident().getAsLong() / MB, 1),
                    decimal(load.stateBytes() / MB, 1), count(load.stateBytes() / n),
                    decimal(load.changelogBytes() / MB, 1), count(load.changelogBytes() / n),
                    decimal(load.sandboxHeap() / MB, 1)));
        }
        return table;
    }

    private static ReportTable dispatchTable(List<ScaleResult> results) {
        ReportTable table = new ReportTable(List.of("timers", "due", "lag p50 s", "lag p99 s", "lag max s",
                "result p50 s", "result p99 s", "all done s", "refreshes/s", "worker CPU ms/refresh",
                "process CPU ms/refresh", "idle worker CPU ms/s", "token request p50 ms", "other outcomes"), 0);
        for (ScaleResult result : results) {
            DispatchFigures dispatch = result.dispatch();
            table.row(List.of(count(result.timers()), count(dispatch.due()), seconds(dispatch.lag().p50()),
                    seconds(dispatch.lag().p99()), seconds(dispatch.lag().max()),
                    seconds(dispatch.resultLatency().p50()), seconds(dispatch.resultLatency().p99()),
                    seconds(dispatch.wall()), count(Math.round(dispatch.refreshesPerSecond())),
                    decimal(perRefreshMillis(dispatch, dispatch.cpu().workerNanos()), 2),
                    decimal(perRefreshMillis(dispatch, dispatch.cpu().processNanos()), 2),
                    decimal(idleMillisPerSecond(dispatch), 1),
                    decimal(dispatch.requests().p50().toNanos() / 1e6, 1),
                    dispatch.otherOutcomes().isEmpty() ? "none" : dispatch.otherOutcomes()));
        }
        return table;
    }

    /** Ratios (×) between consecutive sizes, smallest first, and per-timer slopes (what one more timer costs). */
    private static ReportTable growthTable(List<ScaleResult> unordered) {
        List<ScaleResult> results = unordered.stream().sorted(Comparator.comparingInt(ScaleResult::timers)).toList();
        ReportTable table = new ReportTable(List.of("sizes", "N ×", "ingest s ×", "ingest CPU µs/added timer",
                "heap B/added timer", "RSS B/added timer", "state B/added timer", "changelog B/added timer",
                "loader heap B/added timer", "lag p50 ×", "lag p99 ×", "refreshes/s ×", "worker CPU/refresh ×",
                "idle CPU ×"), 1);
        for (int i = 1; i < results.size(); i++) {
            ScaleResult from = results.get(i - 1);
            ScaleResult to = results.get(i);
            long added = (long) to.timers() - from.timers();
            table.row(List.of(count(from.timers()) + " → " + count(to.timers()),
                    ratio(to.timers(), from.timers()),
                    ratio(secondsOf(to.load().ingest()), secondsOf(from.load().ingest())),
                    decimal((to.load().ingestCpu().workerNanos() - from.load().ingestCpu().workerNanos()) / 1e3
                            / added, 1),
                    slope(to.load().workerHeap() - from.load().workerHeap(), added),
                    residentSlope(from.load(), to.load(), added),
                    slope(to.load().stateBytes() - from.load().stateBytes(), added),
                    slope(to.load().changelogBytes() - from.load().changelogBytes(), added),
                    slope(to.load().sandboxHeap() - from.load().sandboxHeap(), added),
                    ratio(secondsOf(to.dispatch().lag().p50()), secondsOf(from.dispatch().lag().p50())),
                    ratio(secondsOf(to.dispatch().lag().p99()), secondsOf(from.dispatch().lag().p99())),
                    ratio(to.dispatch().refreshesPerSecond(), from.dispatch().refreshesPerSecond()),
                    ratio(perRefreshMillis(to.dispatch(), to.dispatch().cpu().workerNanos()),
                            perRefreshMillis(from.dispatch(), from.dispatch().cpu().workerNanos())),
                    ratio(idleMillisPerSecond(to.dispatch()), idleMillisPerSecond(from.dispatch()))));
        }
        return table;
    }

    private static String residentSlope(LoadFigures from, LoadFigures to, long added) {
        if (from.workerResident().isEmpty() || to.workerResident().isEmpty()) {
            return "-";
        }
        return slope(to.workerResident().getAsLong() - from.workerResident().getAsLong(), added);
    }

    private static double perRefreshMillis(DispatchFigures dispatch, long nanos) {
        return nanos / 1e6 / Math.max(1, dispatch.due());
    }

    private static double idleMillisPerSecond(DispatchFigures dispatch) {
        return dispatch.idleCpu().workerNanos() / 1e6 / secondsOf(dispatch.idleWall());
    }

    static String count(long value) {
        return Cells.count(value);
    }

    /** The columns' meaning, for the report's header. */
    static List<String> legend() {
        List<String> lines = new ArrayList<>();
        lines.add("write = the loader minting, sealing and producing N timers; ingest = worker RUNNING -> every timer "
                + "committed; loader heap = the sandbox's tokens (and the K timers kept to re-send)");
        lines.add("lag = authpipe.refresh.dispatch.lag (due -> leased by a scan; worker's estimate); result = due -> "
                + "result on authpipe.connection-events (exact); all done = due -> last result");
        lines.add("worker CPU = the worker's threads (executor, Streams, Kafka clients, OkHttp); process CPU adds the "
                + "broker, the sandbox, GC, JIT and RocksDB's native threads");
        lines.add("heap = growth after full GCs from before the worker started to after it ingested; state = "
                + "worker state dir after close (flushed); changelogs = the broker's copy");
        return lines;
    }
}
