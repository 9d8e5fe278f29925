package io.authpipe.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * The figures a forked run hands back, as properties under a prefix: durations in nanoseconds, byte counts and CPU
 * nanoseconds as longs; a missing optional value is a missing key. Shared by the scale reports' result files.
 */
final class FigureProperties {
    private FigureProperties() {
    }

    static void store(Properties p, Path file, String comment) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, comment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static Properties load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return p;
    }

    static void writeLoad(Properties p, LoadFigures load) {
        put(p, "load.publish", load.publish().toNanos());
        put(p, "load.recordBytes", load.recordBytes());
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

    static LoadFigures readLoad(Properties p) {
        String resident = p.getProperty("load.workerResident");
        return new LoadFigures(nanos(p, "load.publish"), number(p, "load.recordBytes"), nanos(p, "load.startup"),
                nanos(p, "load.ingest"),
                readCpu(p, "load.ingestCpu"), number(p, "load.sandboxHeap"), number(p, "load.workerHeap"),
                resident == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(resident)),
                Double.parseDouble(p.getProperty("load.pendingGauge")), number(p, "load.stateBytes"),
                number(p, "load.changelogBytes"));
    }

    static void writePercentiles(Properties p, String prefix, Percentiles percentiles) {
        put(p, prefix + ".count", percentiles.count());
        put(p, prefix + ".p50", percentiles.p50().toNanos());
        put(p, prefix + ".p99", percentiles.p99().toNanos());
        put(p, prefix + ".max", percentiles.max().toNanos());
    }

    static Percentiles readPercentiles(Properties p, String prefix) {
        return new Percentiles(number(p, prefix + ".count"), nanos(p, prefix + ".p50"), nanos(p, prefix + ".p99"),
                nanos(p, prefix + ".max"));
    }

    static void writeCpu(Properties p, String prefix, CpuUse cpu) {
        put(p, prefix + ".worker", cpu.workerNanos());
        put(p, prefix + ".process", cpu.processNanos());
    }

    static CpuUse readCpu(Properties p, String prefix) {
        return new CpuUse(number(p, prefix + ".worker"), number(p, prefix + ".process"));
    }

    static void put(Properties p, String key, long value) {
        p.setProperty(key, Long.toString(value));
    }

    static long number(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("the run's result file has no " + key);
        }
        return Long.parseLong(value);
    }

    static Duration nanos(Properties p, String key) {
        return Duration.ofNanos(number(p, key));
    }
}
