package io.authpipe.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * One size in a JVM of its own ({@link ForkedJvm}), started with the options and class path of this one, as JMH
 * forks: every size then starts from the same heap, native memory and JIT state (one warm-up run, then the measured
 * one), whatever ran before it. The child's logs go to this process's stderr; its figures come back in a
 * {@link ScaleResultFile}.
 */
public final class ForkedScaleRun {
    private ForkedScaleRun() {
    }

    /** Runs {@code timers} in a new JVM and returns what it measured. */
    static ScaleResult run(int timers, ScaleOptions options) {
        Path resultFile = ForkedJvm.createResultFile("authpipe-refresh-scale-");
        try {
            ForkedJvm.run(ForkedScaleRun.class, List.of(Integer.toString(timers),
                    Integer.toString(options.maxInFlight()), Boolean.toString(options.warmUp()),
                    resultFile.toString()), "the run with " + timers + " timers");
            return ScaleResultFile.read(resultFile);
        } finally {
            ForkedJvm.delete(resultFile);
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
}
