package io.authpipe.benchmarks;

import io.authpipe.kafka.TopicSpec;
import io.authpipe.sandbox.mastodon.RateLimits;
import io.authpipe.topics.Topics;
import java.time.Duration;
import java.util.List;

/**
 * What a {@link ScaleEnvironment} is made for one worker: the topics it reads and writes, and the sandbox's
 * throttles, set out of the way of the load the report puts on them.
 *
 * @param worker     names the run's temporary directory ({@code authpipe-<worker>-scale-...})
 * @param topics     created before anything starts, {@value ScaleEnvironment#PARTITIONS} partitions each
 * @param rateLimits the sandbox's Rack::Attack throttles
 */
record EnvironmentSpec(String worker, List<TopicSpec> topics, RateLimits rateLimits) {
    private static final int PARTITIONS = ScaleEnvironment.PARTITIONS;

    EnvironmentSpec {
        topics = List.copyOf(topics);
    }

    /**
     * The refresh-worker's four topics; no throttle near what a run asks of the sandbox (the token endpoint is not
     * under {@code /api}, so only the app registration counts against them).
     */
    static EnvironmentSpec refreshWorker() {
        return new EnvironmentSpec("refresh", List.of(TopicSpec.compacted(Topics.EXPIRY_TIMERS, PARTITIONS),
                TopicSpec.compacted(Topics.TENANTS, PARTITIONS),
                TopicSpec.compacted(Topics.APP_REGISTRATIONS, PARTITIONS),
                TopicSpec.deleted(Topics.CONNECTION_EVENTS, PARTITIONS, Duration.ofDays(1))),
                new RateLimits(100_000, Duration.ofMinutes(10), 100_000, 100_000, 100_000, Duration.ofMinutes(5)));
    }

    /**
     * The health-worker's topics (and the app registrations the setup publishes). Every check is a
     * {@code verify_credentials} of one sandbox account, so Mastodon's per-user throttle (1,500 per 5 minutes) must
     * allow every check of a run; the per-token one allows far more than a token is checked in a run. The 6-argument
     * {@link RateLimits} leaves the per-IP throttle off.
     *
     * <p>The API window is one second, not Mastodon's five minutes, as in the published runs: the sandbox then
     * scanned its counters for stale windows on every request once it held more than 10,000, which made 100,000
     * tokens in one five-minute window its bottleneck (it now scans once per window). Nothing comes near the limits
     * either way, so the worker sees no difference in the headers.
     */
    static EnvironmentSpec healthWorker() {
        return new EnvironmentSpec("health", List.of(TopicSpec.compacted(Topics.CHECK_SUBJECTS, PARTITIONS),
                TopicSpec.deleted(Topics.CHECK_REQUESTS, PARTITIONS, Duration.ofDays(1)),
                TopicSpec.deleted(Topics.CHECK_REPLIES, PARTITIONS, Duration.ofDays(1)),
                TopicSpec.compacted(Topics.TENANTS, PARTITIONS),
                TopicSpec.compacted(Topics.TENANT_SECRETS, PARTITIONS),
                TopicSpec.compacted(Topics.APP_REGISTRATIONS, PARTITIONS),
                TopicSpec.deleted(Topics.CONNECTION_EVENTS, PARTITIONS, Duration.ofDays(1)),
                TopicSpec.deleted(Topics.DEAD_LETTERS, PARTITIONS, Duration.ofDays(1))),
                new RateLimits(100_000, Duration.ofMinutes(10), 100_000, 1_000_000_000, 100_000,
                        Duration.ofSeconds(1)));
    }
}
