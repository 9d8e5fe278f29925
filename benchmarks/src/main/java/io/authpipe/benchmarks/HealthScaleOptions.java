package io.authpipe.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link HealthWorkerScaleReport} runs, from its command line: connection counts ({@code 10000}, {@code 100k};
 * default 10k and 100k), {@code --max-in-flight=N} and {@code --max-per-instance=N} (both default
 * {@value #DEFAULT_LIMIT}: every connection is on the one sandbox, so the worker's defaults, 16 and 4, would be the
 * limit), {@code --no-warm-up} (skip the unreported warm-up run) and {@code --in-process} (every size in this JVM,
 * one after the other, after one warm-up).
 *
 * @param sizes          connection counts, run in this order
 * @param maxInFlight    {@code AUTHPIPE_HEALTH_MAX_IN_FLIGHT}
 * @param maxPerInstance {@code AUTHPIPE_HEALTH_MAX_PER_INSTANCE}
 * @param warmUp         whether an unreported run warms the JIT first
 * @param fork           whether each size runs in a JVM of its own
 */
record HealthScaleOptions(List<Integer> sizes, int maxInFlight, int maxPerInstance, boolean warmUp, boolean fork) {
    static final int DEFAULT_LIMIT = 64;
    private static final List<Integer> DEFAULT_SIZES = List.of(10_000, 100_000);

    HealthScaleOptions {
        sizes = List.copyOf(sizes);
        if (maxInFlight < 1 || maxInFlight > 4096 || maxPerInstance < 1 || maxPerInstance > 1024) {
            throw new IllegalArgumentException("--max-in-flight must be 1 to 4096 and --max-per-instance 1 to 1024"
                    + " (the worker's ranges)");
        }
    }

    static HealthScaleOptions parse(String[] args) {
        List<Integer> sizes = new ArrayList<>();
        int maxInFlight = DEFAULT_LIMIT;
        int maxPerInstance = DEFAULT_LIMIT;
        boolean warmUp = true;
        boolean fork = true;
        for (String arg : args) {
            if (arg.startsWith("--max-in-flight=")) {
                maxInFlight = Integer.parseInt(arg.substring("--max-in-flight=".length()));
            } else if (arg.startsWith("--max-per-instance=")) {
                maxPerInstance = Integer.parseInt(arg.substring("--max-per-instance=".length()));
            } else if (arg.equals("--no-warm-up")) {
                warmUp = false;
            } else if (arg.equals("--in-process")) {
                fork = false;
            } else {
                sizes.add(ScaleOptions.count(arg));
            }
        }
        return new HealthScaleOptions(sizes.isEmpty() ? DEFAULT_SIZES : sizes, maxInFlight, maxPerInstance, warmUp,
                fork);
    }

    /** The arguments that give these options back (for a forked run), sizes left out. */
    List<String> limitArgs() {
        return List.of("--max-in-flight=" + maxInFlight, "--max-per-instance=" + maxPerInstance);
    }
}
