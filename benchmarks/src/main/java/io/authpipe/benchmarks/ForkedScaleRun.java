package io.authpipe.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One size in a JVM of its own, started with the options and class path of this one, as JMH forks: every size then
 * starts from the same heap, native memory and JIT state (one warm-up run, then the measured one), whatever ran
 * before it. The child's logs go to this process's stderr; its figures come back in a {@link ScaleResultFile}.
 */
public final class ForkedScaleRun {
    private ForkedScaleRun() {
    }

    /** Runs {@code timers} in a new JVM and returns what it measured. */
    static ScaleResult run(int timers, ScaleOptions options) {
        Path resultFile = createTempFile();
        try {
            List<String> command = new ArrayList<>(List.of(javaExecutable()));
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ForkedScaleRun.class.getName(),
                    Integer.toString(timers), Integer.toString(options.maxInFlight()),
                    Boolean.toString(options.warmUp()), resultFile.toString()));
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("the run with " + timers + " timers failed (exit " + exit + ")");
            }
            return ScaleResultFile.read(resultFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for the run with " + timers + " timers", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            delete(resultFile);
        }
    }

    /** The child: {@code <timers> <maxInFlight> <warmUp> <resultFile>}. */
    public static void main(String[] args) {
        int timers = Integer.parseInt(args[0]);
        int maxInFlight = Integer.parseInt(args[1]);
        if (Boolean.parseBoolean(args[2])) {
            ScaleRun.warmUp(maxInFlight);
        }
        ScaleResultFile.write(ScaleRun.measure(timers, maxInFlight), Path.of(args[3]));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private static Path createTempFile() {
        try {
            return Files.createTempFile("authpipe-refresh-scale-", ".properties");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the result file", e);
        }
    }
}
