package io.authpipe.health.dispatch;

import io.authpipe.core.config.ConfigException;
import io.authpipe.core.config.EnvReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How checks go out.
 *
 * @param maxInFlight     checks running at once
 * @param maxPerInstance  checks running at once against one instance
 * @param maxQueued       checks handed over and waiting for their instance's budget; when full, due checks wait in
 *                        the schedule
 * @param instanceBudget  checks per {@code budgetWindow} against one instance, shared by all tenants (see
 *                        {@link #DEFAULT_INSTANCE_BUDGET})
 * @param budgetWindow    the window of {@code instanceBudget}
 * @param budgetOverrides per-instance budgets ({@code host[:port]} to checks per window), for instances known to allow
 *                        more (or less)
 */
public record DispatchSettings(int maxInFlight, int maxPerInstance, int maxQueued, int instanceBudget,
                               Duration budgetWindow, Map<String, Integer> budgetOverrides) {
    /** A rate limit the instance reports with at most this fraction left counts as nearly spent: slow down. */
    public static final double NEARLY_SPENT = 0.1;
    /**
     * Checks per five minutes against one instance by default: 10 a second, enough for 18,000 connections on one
     * instance at the default 30-minute interval. Mastodon counts authenticated calls per token and per user, not per
     * IP; servers that do limit per IP (GoToSocial: 300 / 5 min, proxies) say so in {@code X-RateLimit-*}, and the
     * worker paces itself to that.
     */
    public static final int DEFAULT_INSTANCE_BUDGET = 3_000;

    public DispatchSettings {
        if (maxInFlight < 1 || maxPerInstance < 1 || maxQueued < 1 || instanceBudget < 1) {
            throw new IllegalArgumentException("dispatch limits must be at least 1");
        }
        if (budgetWindow.isNegative() || budgetWindow.isZero()) {
            throw new IllegalArgumentException("budgetWindow must be positive");
        }
        budgetOverrides = Map.copyOf(budgetOverrides);
    }

    public static DispatchSettings defaults() {
        return new DispatchSettings(16, 4, 10_000, DEFAULT_INSTANCE_BUDGET, Duration.ofMinutes(5), Map.of());
    }

    public static DispatchSettings fromEnv(EnvReader env) {
        return new DispatchSettings(
                env.integer("AUTHPIPE_HEALTH_MAX_IN_FLIGHT", 16, 1, 4096),
                env.integer("AUTHPIPE_HEALTH_MAX_PER_INSTANCE", 4, 1, 1024),
                env.integer("AUTHPIPE_HEALTH_MAX_QUEUED", 10_000, 1, 1_000_000),
                env.integer("AUTHPIPE_HEALTH_INSTANCE_BUDGET", DEFAULT_INSTANCE_BUDGET, 1, 100_000_000),
                env.duration("AUTHPIPE_HEALTH_INSTANCE_BUDGET_WINDOW", Duration.ofMinutes(5)),
                overrides(env.list("AUTHPIPE_HEALTH_INSTANCE_BUDGETS", List.of())));
    }

    /** The budget of one instance, by its authority. */
    int budgetOf(String host) {
        return budgetOverrides.getOrDefault(host, instanceBudget);
    }

    public DispatchSettings withInstanceBudget(int budget, Duration window) {
        return new DispatchSettings(maxInFlight, maxPerInstance, maxQueued, budget, window, budgetOverrides);
    }

    private static Map<String, Integer> overrides(List<String> entries) {
        Map<String, Integer> budgets = new HashMap<>();
        for (String entry : entries) {
            int eq = entry.lastIndexOf('=');
            try {
                budgets.put(entry.substring(0, eq).trim(), Integer.parseInt(entry.substring(eq + 1).trim()));
            } catch (RuntimeException e) {
                throw new ConfigException("AUTHPIPE_HEALTH_INSTANCE_BUDGETS entries are host=checks-per-window, got '"
                        + entry + "'");
            }
        }
        return budgets;
    }
}
