package io.authpipe.broker.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Compacted topics of the shared test broker made to compact at once, for tests that must see what compaction
 * leaves: tiny segments, any dirt cleanable, tombstones dropped on the next pass, a cleaner that looks every 100 ms.
 * {@link #close} puts every setting back, so later test classes see the broker as before.
 */
public final class CompactedTopics implements AutoCloseable {
    private static final Map<String, String> EAGER = Map.of("segment.ms", "100", "min.cleanable.dirty.ratio", "0.0001",
            "delete.retention.ms", "0", "min.compaction.lag.ms", "0");
    private static final ConfigResource CLUSTER = new ConfigResource(ConfigResource.Type.BROKER, "");
    private static final String CLEANER_BACKOFF = "log.cleaner.backoff.ms";

    private final Admin admin;
    private final KafkaConsumer<String, byte[]> reader;
    private final KafkaProducer<String, byte[]> filler;
    private final List<String> topics;

    private CompactedTopics(String bootstrap, List<String> topics) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        this.reader = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.filler = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap), new StringSerializer(),
                new ByteArraySerializer());
        this.topics = topics;
    }

    /** Makes {@code topics} compact eagerly until {@link #close}. */
    public static CompactedTopics eager(String bootstrap, List<String> topics) {
        CompactedTopics compacted = new CompactedTopics(bootstrap, topics);
        compacted.alter(AlterConfigOp.OpType.SET);
        return compacted;
    }

    public List<String> topics() {
        return topics;
    }

    /**
     * Appends a tombstone under a key naming nobody to every partition of every topic, so the segment holding the
     * records of interest rolls and the cleaner has dirt to clean again (a second pass drops tombstones).
     */
    public void nudge() {
        for (String topic : topics) {
            filler.partitionsFor(topic).forEach(p ->
                    filler.send(new ProducerRecord<>(topic, p.partition(), "compaction-filler", null)));
        }
        filler.flush();
    }

    /** Records of every topic (committed, from the beginning) whose key or value bytes contain {@code text}. */
    public List<String> recordsContaining(String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        return everyRecord().stream()
                .filter(r -> (r.key() != null && r.key().contains(text)) || (r.value() != null
                        && contains(r.value(), needle)))
                .map(r -> r.topic() + "@" + r.partition() + ":" + r.offset() + (r.value() == null ? " tombstone" : ""))
                .toList();
    }

    /** Whether {@code topic} holds a live (non-tombstone) record under {@code key}. */
    public boolean holds(String topic, String key) {
        return everyRecord().stream()
                .anyMatch(r -> r.topic().equals(topic) && key.equals(r.key()) && r.value() != null);
    }

    /** Every committed record of every topic, read from the beginning by one consumer. */
    private List<ConsumerRecord<String, byte[]>> everyRecord() {
        List<TopicPartition> partitions = topics.stream().flatMap(t -> reader.partitionsFor(t).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = reader.endOffsets(partitions);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
            reader.poll(Duration.ofMillis(100)).forEach(records::add);
        }
        return records;
    }

    @Override
    public void close() {
        alter(AlterConfigOp.OpType.DELETE);
        filler.close();
        reader.close();
        admin.close();
    }

    private void alter(AlterConfigOp.OpType op) {
        Map<ConfigResource, Collection<AlterConfigOp>> changes = topics.stream().collect(Collectors.toMap(
                t -> new ConfigResource(ConfigResource.Type.TOPIC, t), t -> ops(EAGER, op)));
        changes.put(CLUSTER, ops(Map.of(CLEANER_BACKOFF, "100"), op));
        try {
            admin.incrementalAlterConfigs(changes).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("could not alter the compaction settings", e);
        }
    }

    private static Collection<AlterConfigOp> ops(Map<String, String> settings, AlterConfigOp.OpType op) {
        return settings.entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), op)).toList();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
