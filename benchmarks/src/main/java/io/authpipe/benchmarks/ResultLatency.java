package io.authpipe.benchmarks;

import io.authpipe.kafka.KafkaConnection;
import io.authpipe.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * From due time to result: for every record on {@code authpipe.connection-events}, its timestamp (set when the
 * worker sent it, after the token endpoint answered) minus the time the timers were due. Exact, from every result,
 * unlike the worker's percentile estimates.
 */
final class ResultLatency {
    private static final Duration POLL = Duration.ofMillis(500);

    private ResultLatency() {
    }

    /** The latencies of every result on the topic, all due at {@code dueAt}. */
    static Percentiles of(String bootstrap, int partitions, Instant dueAt) {
        List<Duration> latencies = new ArrayList<>();
        Map<String, Object> config = KafkaConnection.of(bootstrap)
                .consumerConfig("bench-results-" + UUID.randomUUID(), "bench-results");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Set<TopicPartition> all = IntStream.range(0, partitions)
                    .mapToObj(partition -> new TopicPartition(Topics.CONNECTION_EVENTS, partition))
                    .collect(Collectors.toSet());
            consumer.assign(all);
            consumer.seekToBeginning(all);
            Map<TopicPartition, Long> ends = consumer.endOffsets(all);
            while (all.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    latencies.add(Duration.between(dueAt, Instant.ofEpochMilli(record.timestamp())));
                }
            }
        }
        return Percentiles.of(latencies);
    }
}
