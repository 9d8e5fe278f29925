package io.authpipe.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM started with the options and class path of this one, as JMH forks, so a run starts from the same heap,
 * native memory and JIT state whatever ran before it. Its output goes to this process's stdout and stderr; its
 * figures come back in a result file the parent creates and reads.
 */
final class ForkedJvm {
    private ForkedJvm() {
    }

    /**
     * Runs {@code mainClass} with {@code args} in a new JVM and waits for it.
     *
     * @param what the run, for error messages ("the run with 10000 timers")
     * @throws IllegalStateException if it exits with another status than 0
     */
    static void run(Class<?> mainClass, List<String> args, String what) {
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(args);
        try {
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(what + " failed (exit " + exit + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A new empty file for a child's result, under the system's temporary directory. */
    static Path createResultFile(String prefix) {
        try {
            return Files.createTempFile(prefix, ".properties");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the result file", e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
