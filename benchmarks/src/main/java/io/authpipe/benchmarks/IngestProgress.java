package io.authpipe.benchmarks;

import io.authpipe.kafka.KafkaConnection;
import io.authpipe.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How much of {@code authpipe.expiry-timers} the refresh-worker has yet to process: end offsets minus its consumer
 * group's committed offsets. Under exactly-once the offsets commit with the store changes (every 100 ms), so
 * nothing left means every timer written so far is in the worker's stores.
 */
final class IngestProgress implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final Admin admin;
    private final String groupId;
    private final Map<TopicPartition, OffsetSpec> ends = new HashMap<>();

    IngestProgress(String bootstrap, String groupId, int partitions) {
        this.admin = Admin.create(KafkaConnection.of(bootstrap).adminConfig());
        this.groupId = groupId;
        IntStream.range(0, partitions).forEach(partition ->
                ends.put(new TopicPartition(Topics.EXPIRY_TIMERS, partition), OffsetSpec.latest()));
    }

    /** Waits until the worker has committed every timer written so far. */
    void awaitCaughtUp(Duration timeout) {
        Poll.until(() -> remaining() == 0, POLL, timeout, "the refresh-worker to process every timer");
    }

    /** Timers written but not yet committed by the worker. */
    long remaining() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get();
            long remaining = 0;
            for (var end : admin.listOffsets(ends).all().get().entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                remaining += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return remaining;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the refresh-worker's offsets", e.getCause());
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
