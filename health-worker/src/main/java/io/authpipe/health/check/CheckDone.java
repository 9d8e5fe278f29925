package io.authpipe.health.check;

import io.authpipe.mastodon.RateLimit;
import java.time.Instant;
import java.util.Optional;

/**
 * How a {@link CheckJob} ended, as far as the schedule and the instance's budget need to know.
 *
 * @param result    what the check found and recorded on {@code authpipe.connection-events}; empty when nothing was
 *                  learnt or recorded (the key service was unavailable, the result could not be published), which
 *                  the schedule treats like an ambiguous answer
 * @param rateLimit the rate limit the instance reported with its answer
 * @param startedAt when the check started: a check request made after it is still open
 */
public record CheckDone(String connectionKey, long version, Optional<CheckResult> result,
                        Optional<RateLimit> rateLimit, Instant startedAt, Instant endedAt) {

    /** A check that learnt or recorded nothing (see {@code result}). */
    public static CheckDone nothingLearnt(CheckJob job, Instant startedAt, Instant endedAt) {
        return new CheckDone(job.connectionKey(), job.version(), Optional.empty(), Optional.empty(), startedAt,
                endedAt);
    }
}
