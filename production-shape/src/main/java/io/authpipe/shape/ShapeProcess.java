package io.authpipe.shape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One process of the shape: a child JVM on the given class path with exactly its spec's environment (plus
 * {@code PATH} and {@code HOME}), its output appended to {@code <logDir>/<name>.log}. Ended only through its own
 * handle: {@link #stop()} (SIGTERM, then SIGKILL after a grace period) or {@link #kill()} (SIGKILL).
 */
public final class ShapeProcess {
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ProcessSpec spec;
    private final Process process;
    private final Path log;

    private ShapeProcess(ProcessSpec spec, Process process, Path log) {
        this.spec = spec;
        this.process = process;
        this.log = log;
    }

    public static ShapeProcess start(ProcessSpec spec, String classPath, Path logDir) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + spec.heap(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote",
                "-Xss512k",
                "-Dlog4j2.configurationFile=log4j2-shape.xml", "-cp", classPath, spec.mainClass()));
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(spec.name() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().clear();
            copyFromParent(builder, "PATH");
            copyFromParent(builder, "HOME");
            builder.environment().putAll(spec.env());
            return new ShapeProcess(spec, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + spec.name(), e);
        }
    }

    private static void copyFromParent(ProcessBuilder builder, String name) {
        String value = System.getenv(name);
        if (value != null) {
            builder.environment().put(name, value);
        }
    }

    public ProcessSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The last {@code lines} lines of its log (for a failure message; nothing secret is logged). */
    public String logTail(int lines) {
        try {
            List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL, and waits until it is gone: a crash, nothing flushed or handed over. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(STOP_GRACE);
    }

    /** SIGTERM (a clean stop), SIGKILL if it has not ended within 30 s; waits until it is gone. */
    public void stop() {
        process.destroy();
        if (!awaitExit(STOP_GRACE)) {
            kill();
        }
    }

    /** Sends SIGKILL without waiting (killing many at once). */
    void requestKill() {
        process.destroyForcibly();
    }

    /** Sends SIGTERM without waiting (stopping many at once). */
    void requestStop() {
        process.destroy();
    }

    boolean awaitExit(Duration within) {
        try {
            return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    @Override
    public String toString() {
        return spec.name() + "[pid " + pid() + (isAlive() ? "" : ", ended") + "]";
    }
}
