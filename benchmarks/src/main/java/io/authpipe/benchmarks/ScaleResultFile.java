package io.authpipe.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
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
        writeLoad(p, result.load());
        writeDispatch(p, result.dispatch());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "refresh-worker scale run");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static ScaleResult read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new ScaleResult(Integer.parseInt(p.getProperty("timers")), readLoad(p), readDispatch(p));
    }

    private static void writeLoad(Properties p, LoadFigures load) {
        put(p, "load.publish", load.publish().toNanos());
        put(p, "load.timerBytes", load.timerBytes());
        put(p, "load.startup", load.startup().toNanos());
        put(p, "load.ingest", load.ingest().toNanos());
        writeCpu(p, "load.ingestCpu", load.ingestCpu());
        put(p, "load.sandboxHeap", load.sandboxHeap());
        put(p, "load.workerHeap", load.workerHeap());
        load.workerResident().ifPresent(bytes -> put(p, "load.workerResident", bytes));
        p.setProperty("load.pendingGauge", Double.toString(load.pendingGauge()));
        put(p, "load.stateBytes", load.stateBytes());
        put(p, "load.changelogBytes", load.changelogBytes());
    }

    private static LoadFigures readLoad(Properties p) {
        String resident = p.getProperty("load.workerResident");
        return new LoadFigures(nanos(p, "load.publish"), number(p, "load.timerBytes"), nanos(p, "load.startup"),
                nanos(p, "load.ingest"),
                readCpu(p, "load.ingestCpu"), number(p, "load.sandboxHeap"), number(p, "load.workerHeap"),
                resident == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(resident)),
                Double.parseDouble(p.getProperty("load.pendingGauge")), number(p, "load.stateBytes"),
                number(p, "load.changelogBytes"));
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

    private static void writePercentiles(Properties p, String prefix, Percentiles percentiles) {
        put(p, prefix + ".count", percentiles.count());
        put(p, prefix + ".p50", percentiles.p50().toNanos());
        put(p, prefix + ".p99", percentiles.p99().toNanos());
        put(p, prefix + ".max", percentiles.max().toNanos());
    }

    private static Percentiles readPercentiles(Properties p, String prefix) {
        return new Percentiles(number(p, prefix + ".count"), nanos(p, prefix + ".p50"), nanos(p, prefix + ".p99"),
                nanos(p, prefix + ".max"));
    }

    private static void writeCpu(Properties p, String prefix, CpuUse cpu) {
        put(p, prefix + ".worker", cpu.workerNanos());
        put(p, prefix + ".process", cpu.processNanos());
    }

    private static CpuUse readCpu(Properties p, String prefix) {
        return new CpuUse(number(p, prefix + ".worker"), number(p, prefix + ".process"));
    }

    private static void put(Properties p, String key, long value) {
        p.setProperty(key, Long.toString(value));
    }

    private static long number(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("the run's result file has no " + key);
        }
        return Long.parseLong(value);
    }

    private static Duration nanos(Properties p, String key) {
        return Duration.ofNanos(number(p, key));
    }
}
