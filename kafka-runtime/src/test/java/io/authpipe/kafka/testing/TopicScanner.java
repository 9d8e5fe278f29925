package io.authpipe.kafka.testing;

import io.authpipe.kafka.internal.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every record the broker stores, for leak scans: every partition of every topic, internal ones included
 * ({@code __consumer_offsets}, {@code __transaction_state}, Streams changelog and repartition topics), from the
 * log start to the end, once {@code read_committed} and once {@code read_uncommitted} (so aborted transactional
 * records are seen too). The KRaft metadata log is not a topic: scan it with {@link DirectoryScanner}.
 */
public final class TopicScanner {
    private static final Duration POLL = Duration.ofMillis(100);

    private TopicScanner() {
    }

    /** The key, value and header values of every record, each as one array (records read twice appear twice). */
    public static List<byte[]> allRecordBytes(String bootstrapServers, Duration timeout) {
        return recordBytesByTopic(bootstrapServers, timeout).values().stream().flatMap(List::stream).toList();
    }

    /** The topics holding a record whose key, value or a header value contains {@code needle}. */
    public static Set<String> topicsContaining(String bootstrapServers, byte[] needle, Duration timeout) {
        Set<String> topics = new HashSet<>();
        recordBytesByTopic(bootstrapServers, timeout).forEach((topic, chunks) -> {
            if (chunks.stream().anyMatch(bytes -> Bytes.contains(bytes, needle))) {
                topics.add(topic);
            }
        });
        return topics;
    }

    /** {@link #allRecordBytes} grouped by topic name. */
    public static Map<String, List<byte[]>> recordBytesByTopic(String bootstrapServers, Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        List<TopicPartition> partitions = allPartitions(bootstrapServers, deadline);
        Map<String, List<byte[]>> byTopic = new TreeMap<>();
        for (String isolation : List.of("read_committed", "read_uncommitted")) {
            readToEnd(bootstrapServers, isolation, partitions, deadline, byTopic);
        }
        return byTopic;
    }

    private static List<TopicPartition> allPartitions(String bootstrapServers, Deadline deadline) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
            return described.values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException("cannot list partitions of " + bootstrapServers, e);
        }
    }

    private static void readToEnd(String bootstrapServers, String isolation, List<TopicPartition> partitions,
                                  Deadline deadline, Map<String, List<byte[]>> sink) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
                ConsumerConfig.CLIENT_ID_CONFIG, "authpipe-topic-scanner-" + isolation),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, deadline.remaining());
            Set<TopicPartition> pending = new HashSet<>(partitions);
            while (!pending.isEmpty()) {
                if (deadline.expired()) {
                    throw new IllegalStateException("scan (" + isolation + ") did not reach the end of " + pending);
                }
                consumer.poll(POLL).forEach(record -> collect(record, sink));
                pending.removeIf(tp -> consumer.position(tp, deadline.remaining()) >= ends.get(tp));
            }
        }
    }

    private static void collect(ConsumerRecord<byte[], byte[]> record, Map<String, List<byte[]>> sink) {
        List<byte[]> chunks = sink.computeIfAbsent(record.topic(), t -> new ArrayList<>());
        addIfPresent(chunks, record.key());
        addIfPresent(chunks, record.value());
        for (Header header : record.headers()) {
            addIfPresent(chunks, header.value());
        }
    }

    private static void addIfPresent(List<byte[]> chunks, byte[] bytes) {
        if (bytes != null) {
            chunks.add(bytes);
        }
    }
}
