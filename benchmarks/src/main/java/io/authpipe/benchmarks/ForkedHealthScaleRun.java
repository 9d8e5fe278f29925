package io.authpipe.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One size of {@link HealthWorkerScaleReport} in a JVM of its own ({@link ForkedJvm}): a warm-up run, then the
 * measured one, whose figures come back in a {@link HealthResultFile}.
 */
public final class ForkedHealthScaleRun {
    private ForkedHealthScaleRun() {
    }

    /** Runs {@code connections} in a new JVM and returns what it measured. */
    static HealthScaleResult run(int connections, HealthScaleOptions options) {
        Path resultFile = ForkedJvm.createResultFile("authpipe-health-scale-");
        try {
            List<String> args = new ArrayList<>(List.of(resultFile.toString(), Integer.toString(connections)));
            args.addAll(options.limitArgs());
            if (!options.warmUp()) {
                args.add("--no-warm-up");
            }
            ForkedJvm.run(ForkedHealthScaleRun.class, args, "the run with " + connections + " connections");
            return HealthResultFile.read(resultFile);
        } finally {
            ForkedJvm.delete(resultFile);
        }
    }

    /** The child: {@code <resultFile> <connections> [options as HealthWorkerScaleReport takes them]}. */
    public static void main(String[] args) {
        HealthScaleOptions options = HealthScaleOptions.parse(Arrays.copyOfRange(args, 1, args.length));
        if (options.warmUp()) {
            HealthScaleRun.warmUp(options);
        }
        HealthResultFile.write(HealthScaleRun.measure(options.sizes().get(0), options), Path.of(args[0]));
    }
}
