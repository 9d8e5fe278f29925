package io.authpipe.benchmarks;

import io.authpipe.kafka.KafkaConnection;
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
 * How much of its input topic ({@code authpipe.expiry-timers}, {@code authpipe.check-subjects}) a worker has yet to
 * process: end offsets minus its consumer group's committed offsets. Under exactly-once the offsets commit with the
 * store changes (every 100 ms), so nothing left means every record written so far is in the worker's stores.
 */
final class IngestProgress implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final Admin admin;
    private final String groupId;
    private final Map<TopicPartition, OffsetSpec> ends = new HashMap<>();

    IngestProgress(String bootstrap, String groupId, String topic, int partitions) {
        this.admin = Admin.create(KafkaConnection.of(bootstrap).adminConfig());
        this.groupId = groupId;
        IntStream.range(0, partitions).forEach(partition ->
                ends.put(new TopicPartition(topic, partition), OffsetSpec.latest()));
    }

    /** Waits until the worker has committed every record written so far. */
    void awaitCaughtUp(Duration timeout) {
        Poll.until(() -> remaining() == 0, POLL, timeout, "the worker to process every record of " + groupId);
    }

    /** Records written but not yet committed by the worker. */
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
            throw new IllegalStateException("cannot read the offsets of " + groupId, e.getCause());
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
