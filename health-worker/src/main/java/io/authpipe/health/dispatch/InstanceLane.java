package io.authpipe.health.dispatch;

import io.authpipe.health.check.CheckJob;
import io.authpipe.mastodon.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The checks waiting for one instance, and its budget. Requested (urgent) checks go first; the others are taken
 * round-robin across tenants, so a tenant with a hundred thousand connections on an instance cannot starve one with
 * ten: each tenant with waiting checks gets the same share of the instance's budget.
 *
 * <p>A rate limit reported as nearly spent (or a 429) is taken as the instance's shared limit only when two different
 * connections report it for the same window: one token's own limit (300 / 5 min per token) says nothing about the
 * others, and holding back just that connection is the schedule's job. Not thread-safe: the executor's lock guards it.
 */
final class InstanceLane {
    private static final Duration SAME_WINDOW = Duration.ofSeconds(2);

    private record Report(String connectionKey, Instant reset) {
        boolean sameWindowOtherConnection(String otherKey, Instant otherReset) {
            return !connectionKey.equals(otherKey)
                    && Duration.between(reset, otherReset).abs().compareTo(SAME_WINDOW) <= 0;
        }
    }

    private final InstanceBudget budget;
    private final Deque<CheckJob> urgent = new ArrayDeque<>();
    private final Map<String, Deque<CheckJob>> byTenant = new HashMap<>();
    private final Deque<String> tenantTurns = new ArrayDeque<>();
    private int running;
    private int waiting;
    private Report lastSpent;

    InstanceLane(InstanceBudget budget) {
        this.budget = budget;
    }

    void add(CheckJob job) {
        waiting++;
        if (job.urgent()) {
            urgent.addLast(job);
            return;
        }
        byTenant.computeIfAbsent(job.tenant(), tenant -> {
            tenantTurns.addLast(tenant);
            return new ArrayDeque<>();
        }).addLast(job);
    }

    /** The next check, if one waits, the instance has room for another and its budget allows one now. */
    CheckJob next(int maxRunning, Instant now) {
        if (waiting == 0 || running >= maxRunning || !budget.tryTake(now)) {
            return null;
        }
        waiting--;
        running++;
        if (!urgent.isEmpty()) {
            return urgent.pollFirst();
        }
        String tenant = tenantTurns.pollFirst();
        Deque<CheckJob> queue = byTenant.get(tenant);
        CheckJob job = queue.pollFirst();
        if (queue.isEmpty()) {
            byTenant.remove(tenant);
        } else {
            tenantTurns.addLast(tenant);
        }
        return job;
    }

    void finished() {
        running--;
    }

    /** What the instance said about its rate limit with an answer. */
    void observe(String connectionKey, RateLimit rateLimit, Instant now) {
        if (rateLimit.nearlySpent(DispatchSettings.NEARLY_SPENT) && sharedLimit(connectionKey, rateLimit.reset())) {
            budget.paceUntil(rateLimit.reset(), rateLimit.remaining(), now);
        }
    }

    /** The instance answered 429 for {@code connectionKey} until {@code retryAt}. */
    void throttled(String connectionKey, Instant retryAt) {
        if (sharedLimit(connectionKey, retryAt)) {
            budget.pauseUntil(retryAt);
        }
    }

    private boolean sharedLimit(String connectionKey, Instant reset) {
        boolean shared = lastSpent != null && lastSpent.sameWindowOtherConnection(connectionKey, reset);
        if (!shared) {
            // kept when shared: one answer is reported twice (observe, then throttled) and must still match it
            lastSpent = new Report(connectionKey, reset);
        }
        return shared;
    }

    Duration untilBudget(Instant now) {
        return budget.untilNext(now);
    }

    int waiting() {
        return waiting;
    }

    int running() {
        return running;
    }

    int budgetAvailable(Instant now) {
        return budget.available(now);
    }
}
