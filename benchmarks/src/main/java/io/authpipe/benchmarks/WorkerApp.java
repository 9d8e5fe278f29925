package io.authpipe.benchmarks;

import java.nio.file.Path;

/**
 * A worker as the scale reports see it from outside: its Kafka Streams application id (its consumer group, the prefix
 * of its changelog topics, and part of the names of its Kafka threads) and the name prefix of the threads of its own
 * executor.
 *
 * @param applicationId        the Streams {@code application.id} the report configures the worker with
 * @param executorThreadPrefix the worker's own threads ({@code refresh-1}, {@code health-check-1}, {@code health-pacer-1})
 */
record WorkerApp(String applicationId, String executorThreadPrefix) {
    static final WorkerApp REFRESH = new WorkerApp("authpipe-refresh-worker", "refresh-");
    static final WorkerApp HEALTH = new WorkerApp("authpipe-health-worker", "health-");

    /**
     * Whether a thread is the worker's: its executor, every Kafka client and Streams thread of the application (the
     * stream, global and state-updater threads, their producers, consumer heartbeat, admin client and state cleaner,
     * and the result publisher's producer, whose client id starts with the application id), and OkHttp's housekeeping
     * threads (only the worker makes HTTP calls while it is measured).
     */
    boolean ownsThread(String name) {
        return name.startsWith(executorThreadPrefix) || name.contains(applicationId) || name.startsWith("OkHttp")
                || name.equals("Okio Watchdog");
    }

    /**
     * A log segment of one of the worker's changelog topics (directory
     * {@code <applicationId>-<store>-changelog-<partition>}); not the index files, which the broker preallocates.
     */
    boolean isChangelogSegment(Path file) {
        String partitionDir = file.getParent().getFileName().toString();
        return partitionDir.startsWith(applicationId) && partitionDir.contains("-changelog-")
                && file.getFileName().toString().endsWith(".log");
    }
}
