package io.authpipe.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time consumed so far by each of a worker's threads and by the whole process; {@link #since} gives what was used
 * between two samples.
 *
 * <p>The worker's threads are told by name ({@link WorkerApp#ownsThread}): its executor, its Kafka clients and
 * Streams threads, OkHttp's housekeeping. Not counted: RocksDB's native flush and compaction threads (invisible to
 * the JVM), GC and JIT. The process figure counts everything: the broker, the sandbox answering the worker's requests,
 * the benchmark itself, GC, JIT and RocksDB.
 *
 * <p>Between two samples, each thread counts what it used since the earlier sample (all of it if it started since);
 * a thread that ended in between is missing (OkHttp's housekeeping threads end after a minute idle; they use little).
 *
 * @param workerThreads CPU nanoseconds of each of the worker's threads, by thread id
 * @param processNanos  CPU nanoseconds of the process
 */
record CpuSample(Map<Long, Long> workerThreads, long processNanos) {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    CpuSample {
        workerThreads = Map.copyOf(workerThreads);
    }

    static CpuSample now(WorkerApp app) {
        return now(app::ownsThread);
    }

    /**
     * A sample of the threads whose names {@code counted} accepts, in place of a worker's ({@link #since} reports
     * them as {@link CpuUse#workerNanos}); the health report samples the sandbox's threads this way.
     */
    static CpuSample now(Predicate<String> counted) {
        Map<Long, Long> worker = new HashMap<>();
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && counted.test(thread.getThreadName())) {
                long nanos = THREADS.getThreadCpuTime(thread.getThreadId());
                if (nanos >= 0) {
                    worker.put(thread.getThreadId(), nanos);
                }
            }
        }
        return new CpuSample(worker, processCpuNanos());
    }

    /** What was used between {@code earlier} and this sample. */
    CpuUse since(CpuSample earlier) {
        long worker = 0;
        for (Map.Entry<Long, Long> thread : workerThreads.entrySet()) {
            worker += thread.getValue() - earlier.workerThreads.getOrDefault(thread.getKey(), 0L);
        }
        return new CpuUse(worker, processNanos - earlier.processNanos);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
