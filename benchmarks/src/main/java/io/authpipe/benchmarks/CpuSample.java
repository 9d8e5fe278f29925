package io.authpipe.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time consumed so far by each of the refresh-worker's threads and by the whole process; {@link #since} gives
 * what was used between two samples.
 *
 * <p>The worker's threads are told by name: {@code refresh-N} (the executor), every Kafka client and Streams thread
 * of the application ({@value ScaleEnvironment#WORKER_APPLICATION_ID} is in their names: the stream, global and
 * state-updater threads, their producers, consumer heartbeat, admin client and state cleaner, and the result
 * publisher's producer), and OkHttp's housekeeping threads (only the worker makes HTTP calls while it is measured).
 * Not counted: RocksDB's native flush and compaction threads (invisible to the JVM), GC and JIT. The process figure
 * counts everything: the broker, the sandbox answering the refreshes, the benchmark itself, GC, JIT and RocksDB.
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

    static CpuSample now() {
        Map<Long, Long> worker = new HashMap<>();
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && isWorkerThread(thread.getThreadName())) {
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

    static boolean isWorkerThread(String name) {
        return name.startsWith("refresh-") || name.contains(ScaleEnvironment.WORKER_APPLICATION_ID)
                || name.startsWith("OkHttp") || name.equals("Okio Watchdog");
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
