package io.authpipe.benchmarks;

/**
 * CPU time used over a span (see {@link CpuSample} for what counts as the worker's).
 *
 * @param workerNanos  by the worker's threads
 * @param processNanos by the whole process
 */
record CpuUse(long workerNanos, long processNanos) {
}
