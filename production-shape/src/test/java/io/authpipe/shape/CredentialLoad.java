package io.authpipe.shape;

import io.authpipe.broker.testing.TestTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady getCredential load, as a tenant's backend makes it: every {@code period} one read of the next connection
 * from the next live broker-api instance (a load balancer takes a stopped instance out of its pool, {@link
 * #takeOut}). Records every answer: failures, the longest time a connection could not be read, versions seen
 * going down and whether each connection is read again at the highest version it was ever read at.
 */
final class CredentialLoad implements AutoCloseable {
    private final ShapeClient client;
    private final TestTenant tenant;
    private final List<String> users;
    private final Set<Integer> live = new CopyOnWriteArraySet<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger next = new AtomicInteger();
    private final long started = System.nanoTime();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Map<String, Long> highestVersion = new ConcurrentHashMap<>();
    private final Map<String, Long> latestVersion = new ConcurrentHashMap<>();
    private final Map<String, Long> lastSuccessNanos = new ConcurrentHashMap<>();
    private final Map<String, Long> failingSinceNanos = new ConcurrentHashMap<>();
    private final AtomicLong longestUnreadableNanos = new AtomicLong();
    private final List<String> regressions = new CopyOnWriteArrayList<>();
    private final List<String> failureSamples = new CopyOnWriteArrayList<>();

    CredentialLoad(ShapeClient client, TestTenant tenant, List<String> users, Set<Integer> instances) {
        this.client = client;
        this.tenant = tenant;
        this.users = List.copyOf(users);
        live.addAll(instances);
    }

    CredentialLoad start(long periodMillis) {
        timer.scheduleAtFixedRate(this::readOne, 0, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    void takeOut(int instance) {
        live.remove(instance);
    }

    void putBack(int instance) {
        live.add(instance);
    }

    private void readOne() {
        int n = next.getAndIncrement();
        List<Integer> instances = new ArrayList<>(live);
        String user = users.get(n % users.size());
        int instance = instances.get((n / users.size()) % instances.size());
        ShapeClient.Read read = client.credential(instance, tenant, user);
        long now = System.nanoTime();
        reads.incrementAndGet();
        if (read.status() != 200) {
            failures.incrementAndGet();
            failingSinceNanos.putIfAbsent(user, lastSuccessNanos.getOrDefault(user, now));
            if (failureSamples.size() < 40) {
                failureSamples.add(user + "@" + instance + ":" + read.status() + " " + read.error() + " at +"
                        + TimeUnit.NANOSECONDS.toMillis(now - started) + "ms");
            }
            return;
        }
        Long since = failingSinceNanos.remove(user);
        if (since != null) {
            longestUnreadableNanos.accumulateAndGet(now - since, Math::max);
        }
        lastSuccessNanos.put(user, now);
        long version = read.version();
        latestVersion.put(user, version);
        Long before = highestVersion.merge(user, version, Math::max);
        if (version < before) {
            regressions.add(user + "@" + instance + " v" + version + " after v" + before + " at +"
                    + TimeUnit.NANOSECONDS.toMillis(now - started) + "ms");
        }
    }

    long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    long reads() {
        return reads.get();
    }

    long failures() {
        return failures.get();
    }

    long highestVersion(String user) {
        return highestVersion.getOrDefault(user, 0L);
    }

    /** The longest stretch, in ms, between a connection's last good read and its next one (still failing counts). */
    long longestUnreadableMillis() {
        long now = System.nanoTime();
        long open = failingSinceNanos.values().stream().mapToLong(since -> now - since).max().orElse(0);
        return TimeUnit.NANOSECONDS.toMillis(Math.max(open, longestUnreadableNanos.get()));
    }

    List<String> regressions() {
        return regressions;
    }

    /** The connections whose latest read answered a lower version than an earlier read did. */
    List<String> belowTheirHighest() {
        return users.stream()
                .filter(u -> latestVersion.getOrDefault(u, 0L) < highestVersion.getOrDefault(u, 0L))
                .toList();
    }

    List<String> failureSamples() {
        return failureSamples;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
