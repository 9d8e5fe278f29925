package io.authpipe.broker.events;

import io.authpipe.events.CredentialUpdated;
import io.authpipe.schemas.AvroSerde;
import io.authpipe.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live end of {@code authpipe.credential-updated}, read once per instance and handed to the streams of each
 * tenant. One consumer (no group: every instance reads every partition, committed records only) starts at the end
 * of the topic; a stream that subscribes learns the position from which it will receive every record, so a resuming
 * stream reads what it missed up to exactly there ({@link #catchUp}) and nothing is delivered twice or skipped.
 */
public final class EventFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(1);

    /** Receives a tenant's changes, on the feed's thread; answers false when it cannot take more (cut it off). */
    interface Listener {
        boolean offer(TenantChange change);
    }

    private final Map<String, Object> consumerConfig;
    private final ChangeRecords records;
    private final List<TopicPartition> partitions;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Set<Listener>> listeners = new HashMap<>();
    private final Thread thread;
    private long[] position;
    private volatile boolean running = true;

    private EventFeed(Map<String, Object> consumerConfig, ChangeRecords records) {
        this.consumerConfig = consumerConfig;
        this.records = records;
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        this.partitions = IntStream.range(0, consumer.partitionsFor(Topics.CREDENTIAL_UPDATED).size())
                .mapToObj(p -> new TopicPartition(Topics.CREDENTIAL_UPDATED, p)).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        this.position = positions(consumer);
        this.thread = new Thread(this::run, "authpipe-event-feed");
        thread.setDaemon(true);
    }

    /**
     * Starts reading at the topic's end.
     *
     * @param consumerConfig a consumer's settings (read_committed, no auto commit); its group is never joined
     */
    public static EventFeed start(Map<String, Object> consumerConfig, AvroSerde<CredentialUpdated> serde) {
        EventFeed feed = new EventFeed(consumerConfig, new ChangeRecords(serde));
        feed.thread.start();
        return feed;
    }

    int partitions() {
        return partitions.size();
    }

    /** Adds {@code listener} for {@code tenant}; it receives every record at or after the returned cursor. */
    synchronized EventCursor subscribe(String tenant, Listener listener) {
        listeners.computeIfAbsent(tenant, t -> ConcurrentHashMap.newKeySet()).add(listener);
        return EventCursor.of(position);
    }

    synchronized void unsubscribe(String tenant, Listener listener) {
        Set<Listener> ofTenant = listeners.get(tenant);
        if (ofTenant != null && ofTenant.remove(listener) && ofTenant.isEmpty()) {
            listeners.remove(tenant);
        }
    }

    /**
     * Reads {@code tenant}'s changes from {@code from} up to (not including) {@code to} with a consumer of its own,
     * handing each to {@code sink} in partition order. False when {@code timeout} passed first.
     */
    boolean catchUp(String tenant, EventCursor from, EventCursor to, Consumer<TenantChange> sink, Duration timeout) {
        List<TopicPartition> behind = partitions.stream()
                .filter(tp -> from.next(tp.partition()) < to.next(tp.partition())).toList();
        if (behind.isEmpty()) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            reader.assign(behind);
            behind.forEach(tp -> reader.seek(tp, from.next(tp.partition())));
            while (behind.stream().anyMatch(tp -> reader.position(tp) < to.next(tp.partition()))) {
                if (System.nanoTime() - deadline > 0 || !running) {
                    return false;
                }
                for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                    if (record.offset() < to.next(record.partition()) && tenant.equals(tenantOf(record.key()))) {
                        records.read(record).ifPresent(sink);
                    }
                }
            }
            return true;
        }
    }

    private void run() {
        while (running) {
            try {
                var batch = consumer.poll(POLL);
                synchronized (this) {
                    for (ConsumerRecord<String, byte[]> record : batch) {
                        deliver(record);
                    }
                    position = positions(consumer);
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("the event feed could not read authpipe.credential-updated, retrying error={}",
                        e.getClass().getSimpleName());
                pause();
            }
        }
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        Set<Listener> ofTenant = listeners.get(tenantOf(record.key()));
        if (ofTenant == null) {
            return;
        }
        records.read(record).ifPresent(change -> ofTenant.removeIf(listener -> !listener.offer(change)));
    }

    /** The tenant of a connection key ({@code tenant:provider:user}) without parsing the rest. */
    private static String tenantOf(String key) {
        int colon = key == null ? -1 : key.indexOf(':');
        return colon < 0 ? "" : key.substring(0, colon);
    }

    private long[] positions(KafkaConsumer<String, byte[]> reader) {
        return partitions.stream().mapToLong(reader::position).toArray();
    }

    private static void pause() {
        try {
            Thread.sleep(AFTER_FAILURE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
    }
}
