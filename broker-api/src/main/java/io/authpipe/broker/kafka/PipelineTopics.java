package io.authpipe.broker.kafka;

import io.authpipe.kafka.TopicSpec;
import io.authpipe.topics.Topics;
import java.time.Duration;
import java.util.List;

/** The topic specs broker-api creates at start-up, with explicit partitions and configs. */
public final class PipelineTopics {
    private static final Duration EVENT_RETENTION = Duration.ofDays(7);

    private PipelineTopics() {
    }

    public static List<TopicSpec> specs(int partitions, short replicationFactor) {
        return Topics.all().stream()
                .map(t -> t.compacted()
                        ? TopicSpec.compacted(t.name(), partitions)
                        : TopicSpec.deleted(t.name(), partitions, EVENT_RETENTION))
                .map(spec -> spec.withReplicationFactor(replicationFactor))
                .toList();
    }
}
