package io.authpipe.benchmarks;

import static io.authpipe.benchmarks.FigureProperties.nanos;
import static io.authpipe.benchmarks.FigureProperties.number;
import static io.authpipe.benchmarks.FigureProperties.put;
import static io.authpipe.benchmarks.FigureProperties.readCpu;
import static io.authpipe.benchmarks.FigureProperties.readPercentiles;
import static io.authpipe.benchmarks.FigureProperties.writeCpu;
import static io.authpipe.benchmarks.FigureProperties.writePercentiles;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A {@link ScaleResult} as a properties file: how a forked run hands its figures back. Durations are in
 * nanoseconds; outcomes are {@code outcome.<name>}; a missing {@code load.workerResident} means unknown.
 */
final class ScaleResultFile {
    private static final String OUTCOME = "outcome.";

    private ScaleResultFile() {
    }

    static void write(ScaleResult result, Path file) {
        Properties p = new Properties();
        p.setProperty("timers", Integer.toString(result.timers()));
        FigureProperties.writeLoad(p, result.load());
        writeDispatch(p, result.dispatch());
        FigureProperties.store(p, file, "refresh-worker scale run");
    }

    static ScaleResult read(Path file) {
        Properties p = FigureProperties.load(file);
        return new ScaleResult(Integer.parseInt(p.getProperty("timers")), FigureProperties.readLoad(p),
                readDispatch(p));
    }

    private static void writeDispatch(Properties p, DispatchFigures dispatch) {
        put(p, "dispatch.due", dispatch.due());
        put(p, "dispatch.wall", dispatch.wall().toNanos());
        writePercentiles(p, "dispatch.lag", dispatch.lag());
        writePercentiles(p, "dispatch.resultLatency", dispatch.resultLatency());
        writePercentiles(p, "dispatch.requests", dispatch.requests());
        writeCpu(p, "dispatch.cpu", dispatch.cpu());
        writeCpu(p, "dispatch.idleCpu", dispatch.idleCpu());
        put(p, "dispatch.idleWall", dispatch.idleWall().toNanos());
        dispatch.outcomes().forEach((outcome, count) -> put(p, OUTCOME + outcome, count));
    }

    private static DispatchFigures readDispatch(Properties p) {
        Map<String, Long> outcomes = new TreeMap<>();
        p.stringPropertyNames().stream().filter(name -> name.startsWith(OUTCOME))
                .forEach(name -> outcomes.put(name.substring(OUTCOME.length()), number(p, name)));
        return new DispatchFigures((int) number(p, "dispatch.due"), nanos(p, "dispatch.wall"),
                readPercentiles(p, "dispatch.lag"), readPercentiles(p, "dispatch.resultLatency"),
                readPercentiles(p, "dispatch.requests"), readCpu(p, "dispatch.cpu"), readCpu(p, "dispatch.idleCpu"),
                nanos(p, "dispatch.idleWall"), outcomes);
    }
}
