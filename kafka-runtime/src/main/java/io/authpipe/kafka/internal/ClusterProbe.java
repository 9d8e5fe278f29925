package io.authpipe.kafka.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;

/** Waits until a cluster serves: it lists a live broker and answers a metadata request. */
public final class ClusterProbe {
    private static final Duration ATTEMPT_CAP = Duration.ofSeconds(5);
    private static final Duration RETRY_INTERVAL = Duration.ofMillis(50);

    private ClusterProbe() {
    }

    /**
     * Returns the cluster id once {@code bootstrapServers} reports at least one live broker and lists topics.
     *
     * @throws TimeoutException if that does not happen before the deadline (the last failure is the cause)
     */
    public static String awaitReady(String bootstrapServers, Duration timeout) throws TimeoutException {
        Deadline deadline = Deadline.after(timeout);
        Exception last = null;
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 200))) {
            while (!deadline.expired()) {
                try {
                    return probeOnce(admin, deadline);
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                    deadline.pause(RETRY_INTERVAL);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Kafka", e);
                }
            }
        }
        TimeoutException timedOut = new TimeoutException("Kafka at " + bootstrapServers + " not ready within " + timeout);
        timedOut.initCause(last);
        throw timedOut;
    }

    private static String probeOnce(Admin admin, Deadline deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        int timeoutMs = deadline.remainingMillis(ATTEMPT_CAP);
        DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
        if (cluster.nodes().get(timeoutMs, TimeUnit.MILLISECONDS).isEmpty()) {
            throw new ExecutionException(new IllegalStateException("no live broker yet"));
        }
        admin.listTopics(new ListTopicsOptions().listInternal(true).timeoutMs(timeoutMs))
                .names().get(timeoutMs, TimeUnit.MILLISECONDS);
        return cluster.clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
    }
}
