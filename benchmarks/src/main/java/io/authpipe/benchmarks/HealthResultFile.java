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
 * A {@link HealthScaleResult} as a properties file: how a forked run hands its figures back ({@link FigureProperties}:
 * durations in nanoseconds); burst outcomes are {@code burst.outcome.<name>}.
 */
final class HealthResultFile {
    private static final String OUTCOME = "burst.outcome.";

    private HealthResultFile() {
    }

    static void write(HealthScaleResult result, Path file) {
        Properties p = new Properties();
        put(p, "connections", result.connections());
        put(p, "maxInFlight", result.maxInFlight());
        put(p, "maxPerInstance", result.maxPerInstance());
        FigureProperties.writeLoad(p, result.load());
        writeCpu(p, "idle.cpu", result.idleCpu());
        put(p, "idle.wall", result.idleWall().toNanos());
        writeBurst(p, result.burst());
        writeSteady(p, result.steady());
        writePercentiles(p, "detection", result.detection());
        FigureProperties.store(p, file, "health-worker scale run");
    }

    static HealthScaleResult read(Path file) {
        Properties p = FigureProperties.load(file);
        return new HealthScaleResult((int) number(p, "connections"), (int) number(p, "maxInFlight"),
                (int) number(p, "maxPerInstance"), FigureProperties.readLoad(p), readCpu(p, "idle.cpu"),
                nanos(p, "idle.wall"), readBurst(p), readSteady(p), readPercentiles(p, "detection"));
    }

    private static void writeBurst(Properties p, BurstFigures burst) {
        put(p, "burst.due", burst.due());
        put(p, "burst.first", burst.first().toNanos());
        put(p, "burst.tenth", burst.tenth().toNanos());
        put(p, "burst.ninetieth", burst.ninetieth().toNanos());
        put(p, "burst.wall", burst.wall().toNanos());
        writeCpu(p, "burst.cpu", burst.cpu());
        put(p, "burst.sandboxCpu", burst.sandboxCpu());
        writePercentiles(p, "burst.budgetWait", burst.budgetWait());
        writePercentiles(p, "burst.request", burst.request());
        burst.outcomes().forEach((outcome, count) -> put(p, OUTCOME + outcome, count));
    }

    private static BurstFigures readBurst(Properties p) {
        Map<String, Long> outcomes = new TreeMap<>();
        p.stringPropertyNames().stream().filter(name -> name.startsWith(OUTCOME))
                .forEach(name -> outcomes.put(name.substring(OUTCOME.length()), number(p, name)));
        return new BurstFigures((int) number(p, "burst.due"), nanos(p, "burst.first"), nanos(p, "burst.tenth"),
                nanos(p, "burst.ninetieth"), nanos(p, "burst.wall"), readCpu(p, "burst.cpu"), number(p, "burst.sandboxCpu"),
                readPercentiles(p, "burst.budgetWait"), readPercentiles(p, "burst.request"), outcomes);
    }

    private static void writeSteady(Properties p, SteadyFigures steady) {
        put(p, "steady.window", steady.window().toNanos());
        put(p, "steady.checks", steady.checks());
        writeCpu(p, "steady.cpu", steady.cpu());
        writePercentiles(p, "steady.lag", steady.lag());
        writePercentiles(p, "steady.budgetWait", steady.budgetWait());
        writePercentiles(p, "steady.request", steady.request());
        put(p, "steady.lagMean", steady.lagMean().toNanos());
        put(p, "steady.waitMean", steady.waitMean().toNanos());
        put(p, "steady.requestMean", steady.requestMean().toNanos());
    }

    private static SteadyFigures readSteady(Properties p) {
        return new SteadyFigures(nanos(p, "steady.window"), number(p, "steady.checks"), readCpu(p, "steady.cpu"),
                readPercentiles(p, "steady.lag"), readPercentiles(p, "steady.budgetWait"),
                readPercentiles(p, "steady.request"), nanos(p, "steady.lagMean"), nanos(p, "steady.waitMean"),
                nanos(p, "steady.requestMean"));
    }
}
