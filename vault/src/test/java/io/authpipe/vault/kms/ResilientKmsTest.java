package io.authpipe.vault.kms;

import static io.authpipe.vault.CryptoAssertions.assertDecryptionFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.CountingKms;
import io.authpipe.vault.KekRef;
import io.authpipe.vault.KmsKeyNotFoundException;
import io.authpipe.vault.KmsUnavailableException;
import io.authpipe.vault.MutableClock;
import io.authpipe.vault.SwitchableKms;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retries of transient failures only, with full-jitter backoff, within attempts and a time budget; no real sleeps. */
class ResilientKmsTest {
    private static final TenantId ACME = TenantId.of("acme");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper sleeper = duration -> {
        sleeps.add(duration);
        clock.advance(duration);
    };
    private final InMemoryKms memory = new InMemoryKms();
    private final KekRef kek = memory.createTenantKey(ACME);
    private final SwitchableKms switchable = new SwitchableKms(memory);
    private final CountingKms counting = new CountingKms(switchable);

    private ResilientKms resilient(RetryPolicy policy, double jitter) {
        return new ResilientKms(counting, policy, clock, sleeper, () -> jitter);
    }

    @Test
    void transientFailuresAreRetriedWithDoublingBackoffUntilTheCallSucceeds() {
        switchable.failNext(2);
        assertThat(resilient(RetryPolicy.defaults(), 0.999_999).generateDataKey(kek, ACME).plaintext()).hasSize(32);
        assertThat(counting.generates()).isEqualTo(3);
        assertThat(sleeps).extracting(Duration::toMillis).containsExactly(99L, 199L);
    }

    @Test
    void fullJitterWaitsARandomFractionOfTheCap() {
        switchable.failNext(2);
        resilient(RetryPolicy.defaults(), 0.25).generateDataKey(kek, ACME);
        assertThat(sleeps).containsExactly(Duration.ofMillis(25), Duration.ofMillis(50));
    }

    @Test
    void afterTheLastAttemptTheFailureNamesTheKmsTheOperationAndTheAttempts() {
        switchable.down();
        assertThatThrownBy(() -> resilient(RetryPolicy.defaults(), 0.5).generateDataKey(kek, ACME))
                .isInstanceOf(KmsUnavailableException.class)
                .hasMessageStartingWith("KMS unavailable (GenerateDataKey)")
                .hasMessageEndingWith("(gave up after 3 attempts)");
        assertThat(counting.generates()).isEqualTo(3);
    }

    @Test
    void noRetryStartsOrWaitsPastTheTimeBudget() {
        switchable.down();
        RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(2500));
        assertThatThrownBy(() -> resilient(policy, 0.999_999).generateDataKey(kek, ACME)).isInstanceOf(KmsUnavailableException.class);
        assertThat(counting.generates()).isEqualTo(3);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void timeSpentInSlowAttemptsCountsAgainstTheBudget() {
        ResilientKms kms = new ResilientKms(new SlowKms(counting, clock, Duration.ofMillis(1500)),
                new RetryPolicy(10, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(2)), clock, sleeper, () -> 0);
        switchable.down();
        assertThatThrownBy(() -> kms.unwrap(kek, ACME, new byte[61])).isInstanceOf(KmsUnavailableException.class);
        assertThat(counting.unwraps()).isEqualTo(2);
    }

    @Test
    void permanentFailuresAreNeverRetried() {
        ResilientKms kms = resilient(RetryPolicy.defaults(), 0.5);
        byte[] wrapped = memory.generateDataKey(kek, ACME).wrapped();
        wrapped[5] ^= 1;
        assertDecryptionFails(() -> kms.unwrap(kek, ACME, wrapped));
        memory.destroyKey(kek);
        assertThatThrownBy(() -> kms.generateDataKey(kek, ACME)).isInstanceOf(KmsKeyNotFoundException.class);
        assertThat(counting.unwraps() + counting.generates()).isEqualTo(2);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void creatingATenantKeyIsNotRetriedBecauseItIsNotIdempotent() {
        switchable.failNext(1);
        ResilientKms kms = resilient(RetryPolicy.defaults(), 0.5);
        assertThatThrownBy(() -> kms.createTenantKey(ACME)).isInstanceOf(KmsUnavailableException.class);
        assertThat(kms.createTenantKey(ACME).value()).startsWith("memory:acme:2:");
    }

    @Test
    void anInterruptedWaitGivesUpAndKeepsTheInterruptFlag() {
        switchable.down();
        ResilientKms kms = new ResilientKms(counting, RetryPolicy.defaults(), clock, duration -> {
            throw new InterruptedException();
        }, () -> 0.5);
        assertThatThrownBy(() -> kms.generateDataKey(kek, ACME)).isInstanceOf(KmsUnavailableException.class)
                .hasMessageContaining("interrupted");
        assertThat(Thread.interrupted()).isTrue();
    }
}
