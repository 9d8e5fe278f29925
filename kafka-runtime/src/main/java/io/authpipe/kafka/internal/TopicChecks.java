package io.authpipe.kafka.internal;

import io.authpipe.kafka.KafkaRuntimeException;
import io.authpipe.kafka.TopicSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks of existing topics against their {@link TopicSpec}s, for {@code TopicAdmin}. */
public final class TopicChecks {
    private static final Logger LOG = LoggerFactory.getLogger(TopicChecks.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final Admin admin;
    private final Deadline deadline;

    public TopicChecks(Admin admin, Deadline deadline) {
        this.admin = admin;
        this.deadline = deadline;
    }

    /** Waits for a future until the deadline. */
    public static <T> T get(KafkaFuture<T> future, Deadline deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Fails if a topic has fewer partitions than its spec asks for. */
    public void requireEnoughPartitions(Collection<TopicSpec> specs)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TopicDescription> described = describe(specs.stream().map(TopicSpec::name).toList());
        for (TopicSpec spec : specs) {
            int actual = described.get(spec.name()).partitions().size();
            if (actual < spec.partitions()) {
                throw new KafkaRuntimeException("topic " + spec.name() + " has " + actual + " partitions, at least "
                        + spec.partitions() + " are required; add partitions deliberately (keys will move)");
            }
        }
    }

    /** Logs a warning for every spec'd config whose value on the cluster differs. */
    public void warnAboutDifferingConfigs(Collection<TopicSpec> specs)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (specs.isEmpty()) {
            return;
        }
        var resources = specs.stream().map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name())).toList();
        Map<ConfigResource, Config> configs = get(admin.describeConfigs(resources).all(), deadline);
        for (TopicSpec spec : specs) {
            Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            spec.configs().forEach((key, wanted) -> warnIfDifferent(spec.name(), key, wanted, actual.get(key)));
        }
    }

    /** Polls metadata until every topic is known and every partition has a leader. */
    public void awaitLeaders(Collection<String> names) throws InterruptedException, TimeoutException, ExecutionException {
        while (!allHaveLeaders(describe(names).values())) {
            if (deadline.expired()) {
                throw new TimeoutException("topics " + names + " have no leader yet");
            }
            deadline.pause(POLL_INTERVAL);
        }
    }

    /**
     * Describes the topics, asking again until the deadline while the broker asked does not know one yet: a topic
     * just created reaches each broker's metadata a little later (on a cluster, each request may ask another).
     */
    private Map<String, TopicDescription> describe(Collection<String> names)
            throws ExecutionException, InterruptedException, TimeoutException {
        while (true) {
            try {
                return get(admin.describeTopics(names).allTopicNames(), deadline);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || deadline.expired()) {
                    throw e;
                }
            }
            deadline.pause(POLL_INTERVAL);
        }
    }

    private static boolean allHaveLeaders(Collection<TopicDescription> descriptions) {
        return descriptions.stream().flatMap(d -> d.partitions().stream()).allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }

    private static void warnIfDifferent(String topic, String key, String wanted, ConfigEntry actual) {
        String actualValue = actual == null ? null : actual.value();
        if (!wanted.equals(actualValue)) {
            LOG.warn("Topic {} has {}={}, Authpipe expects {}; leaving it as it is", topic, key, actualValue, wanted);
        }
    }
}
