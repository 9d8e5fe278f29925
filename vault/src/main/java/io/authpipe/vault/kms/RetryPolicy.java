package io.authpipe.vault.kms;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link ResilientKms} retries transient KMS failures: exponential backoff with full jitter (the wait before retry
 * k is uniform in [0, min(maxBackoff, initialBackoff * 2^(k-1))]), bounded by a number of attempts <b>and</b> a total
 * time budget: no retry starts, and no wait extends, past the budget. The worst case for a caller is the budget plus
 * one attempt's timeout (the KMS client's own, e.g. 2 s for {@code AwsKms}).
 *
 * @param maxAttempts    attempts in all, at least 1
 * @param initialBackoff the cap of the first wait
 * @param maxBackoff     the largest cap of any wait
 * @param totalBudget    time from the first attempt after which no retry starts
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration totalBudget) {

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(totalBudget, "totalBudget");
        if (maxAttempts < 1 || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || totalBudget.isNegative()) {
            throw new IllegalArgumentException("need maxAttempts >= 1, 0 <= initialBackoff <= maxBackoff, totalBudget >= 0");
        }
    }

    /** 3 attempts within 2 s, waits capped at 100 ms then 200 ms (1 s at most). */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    /** The cap of the wait before retry number {@code retry} (1 for the first retry). */
    Duration backoffCap(int retry) {
        Duration cap = initialBackoff.multipliedBy(1L << Math.min(retry - 1, 30));
        return cap.compareTo(maxBackoff) > 0 || cap.isNegative() ? maxBackoff : cap;
    }
}
