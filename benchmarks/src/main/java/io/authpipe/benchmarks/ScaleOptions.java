package io.authpipe.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@link RefreshWorkerScaleReport} runs, from its command line: timer counts ({@code 10000}, {@code 100k},
 * {@code 1M}; default 10k 100k 1M) and {@code --max-in-flight=N} (default {@value #DEFAULT_MAX_IN_FLIGHT}), which sets
 * both {@code AUTHPIPE_REFRESH_MAX_IN_FLIGHT} and {@code AUTHPIPE_REFRESH_MAX_PER_HOST}: every timer points at the one
 * sandbox, so the per-host limit would otherwise be the limit (it stops at 1,024). {@code --no-warm-up} skips the
 * unreported warm-up runs; {@code --in-process} runs every size in this JVM, one after the other, after one warm-up.
 *
 * @param sizes       timer counts, run in this order
 * @param maxInFlight refreshes at once, in all and against the sandbox
 * @param warmUp      whether an unreported run warms the JIT first
 * @param fork        whether each size runs in a JVM of its own
 */
record ScaleOptions(List<Integer> sizes, int maxInFlight, boolean warmUp, boolean fork) {
    static final int DEFAULT_MAX_IN_FLIGHT = 512;
    private static final List<Integer> DEFAULT_SIZES = List.of(10_000, 100_000, 1_000_000);

    ScaleOptions {
        sizes = List.copyOf(sizes);
        if (maxInFlight < 1 || maxInFlight > 4096) {
            throw new IllegalArgumentException("--max-in-flight must be between 1 and 4096 (the worker's range)");
        }
    }

    static ScaleOptions parse(String[] args) {
        List<Integer> sizes = new ArrayList<>();
        int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        boolean warmUp = true;
        boolean fork = true;
        for (String arg : args) {
            if (arg.startsWith("--max-in-flight=")) {
                maxInFlight = Integer.parseInt(arg.substring("--max-in-flight=".length()));
            } else if (arg.equals("--no-warm-up")) {
                warmUp = false;
            } else if (arg.equals("--in-process")) {
                fork = false;
            } else {
                sizes.add(count(arg));
            }
        }
        return new ScaleOptions(sizes.isEmpty() ? DEFAULT_SIZES : sizes, maxInFlight, warmUp, fork);
    }

    /** {@code 250000}, {@code 250k} or {@code 2M}. */
    static int count(String text) {
        String digits = text.strip().toLowerCase(Locale.ROOT).replace("_", "").replace(",", "");
        int unit = digits.endsWith("k") ? 1_000 : digits.endsWith("m") ? 1_000_000 : 1;
        int count = Math.multiplyExact(Integer.parseInt(unit == 1 ? digits : digits.substring(0, digits.length() - 1)),
                unit);
        if (count < 1) {
            throw new IllegalArgumentException("a timer count must be positive, was " + text);
        }
        return count;
    }
}
