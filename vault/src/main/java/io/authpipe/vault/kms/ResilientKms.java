package io.authpipe.vault.kms;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.GeneratedDataKey;
import io.authpipe.vault.KekRef;
import io.authpipe.vault.Kms;
import io.authpipe.vault.KmsUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decorator: retries {@link KmsUnavailableException} (transient) with exponential backoff and full jitter, within the
 * attempts and the time budget of a {@link RetryPolicy}; then rethrows it, saying how many attempts were made. Never
 * retries {@link io.authpipe.vault.VaultCryptoException} or {@link io.authpipe.vault.KmsKeyUnusableException}
 * (permanent). {@link #createTenantKey} is not retried: it is not idempotent (a retried CreateKey could leave an
 * orphan key), so its caller (an admin action) decides. Thread-safe if the delegate is.
 */
public final class ResilientKms implements Kms {
    private static final Logger LOG = LoggerFactory.getLogger(ResilientKms.class);

    private final Kms delegate;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;

    /** {@link RetryPolicy#defaults()}, the system clock, real sleeps, random jitter. */
    public ResilientKms(Kms delegate) {
        this(delegate, RetryPolicy.defaults(), Clock.systemUTC(), Sleeper.SYSTEM, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param jitter uniform in [0, 1): the fraction of the backoff cap to wait
     */
    public ResilientKms(Kms delegate, RetryPolicy policy, Clock clock, Sleeper sleeper, DoubleSupplier jitter) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
    }

    @Override
    public KekRef resolve(String keyReference) {
        return retrying(() -> delegate.resolve(keyReference));
    }

    @Override
    public KekRef createTenantKey(TenantId tenant) {
        return delegate.createTenantKey(tenant);
    }

    @Override
    public GeneratedDataKey generateDataKey(KekRef kek, TenantId tenant) {
        return retrying(() -> delegate.generateDataKey(kek, tenant));
    }

    @Override
    public byte[] unwrap(KekRef kek, TenantId tenant, byte[] wrappedDek) {
        return retrying(() -> delegate.unwrap(kek, tenant, wrappedDek));
    }

    @Override
    public void destroyKey(KekRef kek) {
        retrying(() -> {
            delegate.destroyKey(kek);
            return null;
        });
    }

    @Override
    public void close() {
        delegate.close();
    }

    private <T> T retrying(Supplier<T> call) {
        Instant deadline = clock.instant().plus(policy.totalBudget());
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (KmsUnavailableException e) {
                Duration wait = Duration.ofNanos((long) (jitter.getAsDouble() * policy.backoffCap(attempt).toNanos()));
                if (attempt >= policy.maxAttempts() || clock.instant().plus(wait).isAfter(deadline)) {
                    throw new KmsUnavailableException(e.getMessage() + " (gave up after " + attempt + " attempt"
                            + (attempt == 1 ? "" : "s") + ")", e);
                }
                LOG.debug("attempt {} failed, retrying in {} ms: {}", attempt, wait.toMillis(), e.getMessage());
                pause(wait, e);
            }
        }
    }

    private void pause(Duration wait, KmsUnavailableException cause) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KmsUnavailableException(cause.getMessage() + " (interrupted while waiting to retry)", cause);
        }
    }

    @Override
    public String toString() {
        return "ResilientKms[" + delegate + ", " + policy + "]";
    }
}
