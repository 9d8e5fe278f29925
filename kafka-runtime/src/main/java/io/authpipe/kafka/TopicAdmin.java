package io.authpipe.kafka;

import io.authpipe.kafka.internal.Deadline;
import io.authpipe.kafka.internal.TopicChecks;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the topics Authpipe needs exist, idempotently: safe to call on every start of every instance.
 *
 * <p>Missing topics are created as specified (a concurrent creation by another instance is fine). Existing topics
 * must have at least the specified partition count, otherwise this fails: partitions decide which instance owns a
 * key, so they are never changed silently. Existing topics whose configs differ from the spec are logged as a
 * warning and left alone. It returns once the cluster's metadata shows every topic with a leader for every
 * partition.
 */
public final class TopicAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

    private TopicAdmin() {
    }

    /**
     * Ensures {@code topics} exist with a short-lived {@link Admin} built from {@code adminConfig}.
     *
     * @throws KafkaRuntimeException if a topic has too few partitions, cannot be created, or the deadline passes
     */
    public static void ensureTopics(Map<String, Object> adminConfig, Collection<TopicSpec> topics, Duration timeout) {
        try (Admin admin = Admin.create(adminConfig)) {
            ensureTopics(admin, topics, timeout);
        }
    }

    /** Ensures {@code topics} exist using the caller's {@link Admin} (not closed). */
    public static void ensureTopics(Admin admin, Collection<TopicSpec> topics, Duration timeout) {
        Map<String, TopicSpec> specs = byName(topics);
        Deadline deadline = Deadline.after(timeout);
        try {
            Set<String> existing = existingAmong(admin, specs.keySet(), deadline);
            createMissing(admin, specs, existing, deadline);
            TopicChecks checks = new TopicChecks(admin, deadline);
            checks.awaitLeaders(specs.keySet());
            checks.requireEnoughPartitions(specs.values());
            checks.warnAboutDifferingConfigs(specs.values().stream().filter(s -> existing.contains(s.name())).toList());
        } catch (ExecutionException e) {
            throw new KafkaRuntimeException("cannot ensure topics " + specs.keySet() + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaRuntimeException("topics " + specs.keySet() + " not ready within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaRuntimeException("interrupted while ensuring topics " + specs.keySet(), e);
        }
    }

    private static Map<String, TopicSpec> byName(Collection<TopicSpec> topics) {
        Map<String, TopicSpec> specs = new LinkedHashMap<>();
        for (TopicSpec spec : topics) {
            TopicSpec previous = specs.putIfAbsent(spec.name(), spec);
            if (previous != null && !previous.equals(spec)) {
                throw new IllegalArgumentException("two different specs for topic " + spec.name());
            }
        }
        return specs;
    }

    private static Set<String> existingAmong(Admin admin, Set<String> names, Deadline deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        ListTopicsOptions options = new ListTopicsOptions().listInternal(true).timeoutMs(deadline.remainingMillis(Duration.ofMinutes(1)));
        Set<String> all = TopicChecks.get(admin.listTopics(options).names(), deadline);
        return names.stream().filter(all::contains).collect(Collectors.toUnmodifiableSet());
    }

    private static void createMissing(Admin admin, Map<String, TopicSpec> specs, Set<String> existing, Deadline deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        var missing = specs.values().stream().filter(s -> !existing.contains(s.name())).map(TopicSpec::toNewTopic).toList();
        if (missing.isEmpty()) {
            return;
        }
        Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
        for (NewTopic topic : missing) {
            try {
                TopicChecks.get(results.get(topic.name()), deadline);
                LOG.info("Created topic {} ({} partitions, configs {})", topic.name(), topic.numPartitions(), topic.configs());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }
}
