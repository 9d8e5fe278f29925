package io.authpipe.vault.kms.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.kms.emulator.KmsEmulator.Availability;
import io.authpipe.vault.KmsKeyUnusableException;
import io.authpipe.vault.KmsUnavailableException;
import io.authpipe.vault.MutableClock;
import io.authpipe.vault.Purpose;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.TenantKeys;
import io.authpipe.vault.Vault;
import io.authpipe.vault.kms.ResilientKms;
import io.authpipe.vault.kms.RetryPolicy;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * AWS KMS outages through the whole stack (vault, ResilientKms, AwsKms, real SDK, emulator): cached keys keep
 * serving, the rest fails within the retry budget (counted as requests the emulator received, not as wall time)
 * with an error naming KMS, and service resumes when KMS does. Retries wait through a sleeper that does not sleep.
 */
class AwsVaultOutageTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final SecretBinding BINDING = new SecretBinding(ACME, "mastodon", "alice", Purpose.REFRESH_TOKEN);
    private static final Secret TOKEN = Secret.of("tok_outage");

    private final EmulatedAws aws = new EmulatedAws();
    private final ResilientKms kms = new ResilientKms(aws.perTenant(), RetryPolicy.defaults(), Clock.systemUTC(),
            duration -> { }, () -> 0.5);
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final Vault vault = new Vault(kms, clock);
    private final TenantKeys keys = vault.createTenantKeys(ACME);
    private final byte[] cached = vault.encrypt(keys, BINDING, TOKEN);
    private final byte[] uncached = new Vault(kms, clock).encrypt(keys, BINDING, TOKEN);

    @AfterEach
    void close() {
        kms.close();
        aws.close();
    }

    @ParameterizedTest
    @EnumSource(value = Availability.class, names = {"INTERNAL_ERROR", "THROTTLING", "DROP"})
    void cachedKeysKeepServingUncachedOnesFailWithinTheBudgetAndServiceResumes(Availability outage) {
        aws.emulator.setAvailability(outage);

        assertThat(vault.decrypt(keys, BINDING, cached)).isEqualTo(TOKEN);
        assertThat(vault.decrypt(keys, BINDING, vault.encrypt(keys, BINDING, TOKEN))).isEqualTo(TOKEN);
        long before = aws.emulator.callCount("Decrypt");
        assertThatThrownBy(() -> vault.decrypt(keys, BINDING, uncached)).isInstanceOf(KmsUnavailableException.class)
                .hasMessageStartingWith("KMS unavailable (Decrypt)").hasMessageEndingWith("(gave up after 3 attempts)");
        assertThat(aws.emulator.callCount("Decrypt") - before).isEqualTo(3);

        aws.emulator.setAvailability(Availability.UP);
        assertThat(vault.decrypt(keys, BINDING, uncached)).isEqualTo(TOKEN);
    }

    @Test
    void aNewTenantCannotBeCreatedDuringAnOutageAndCreationIsNotRetried() {
        long before = aws.emulator.callCount("CreateKey");
        aws.emulator.setAvailability(Availability.INTERNAL_ERROR);
        assertThatThrownBy(() -> vault.createTenantKeys(TenantId.of("globex"))).isInstanceOf(KmsUnavailableException.class)
                .hasMessageContaining("KMS unavailable (CreateKey)");
        assertThat(aws.emulator.callCount("CreateKey") - before).isEqualTo(1);
    }

    @Test
    void aDisabledKeyIsUnusableNamedInTheErrorAndNotRetried() {
        aws.disable(keys.current());
        long decrypts = aws.emulator.callCount("Decrypt");
        long generates = aws.emulator.callCount("GenerateDataKey");

        assertThatThrownBy(() -> vault.decrypt(keys, BINDING, uncached)).isInstanceOf(KmsKeyUnusableException.class)
                .hasMessageContaining("KMS").hasMessageContaining(keys.current().value()).hasMessageContaining("DisabledException");
        assertThatThrownBy(() -> new Vault(kms, clock).encrypt(keys, BINDING, TOKEN)).isInstanceOf(KmsKeyUnusableException.class);

        assertThat(aws.emulator.callCount("Decrypt") - decrypts).isEqualTo(1);
        assertThat(aws.emulator.callCount("GenerateDataKey") - generates).isEqualTo(1);
    }
}
