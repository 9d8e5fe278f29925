package io.authpipe.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.vault.kms.InMemoryKms;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Unwrapped data keys are cached until an hour after their last use, by the injected clock, then zeroed. */
class VaultDecryptionCacheTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final SecretBinding BINDING = new SecretBinding(ACME, "mastodon", "alice", Purpose.ACCESS_TOKEN);
    private static final Secret TOKEN = Secret.of("tok_cached");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final InMemoryKms memory = new InMemoryKms();
    private final SwitchableKms switchable = new SwitchableKms(memory);
    private final CountingKms kms = new CountingKms(switchable);
    private final Vault writer = new Vault(memory, clock);
    private final TenantKeys keys = writer.createTenantKeys(ACME);
    private final byte[] envelope = writer.encrypt(keys, BINDING, TOKEN);
    private final Vault reader = new Vault(kms, clock);

    @Test
    void keysTheVaultGeneratedDecryptWithoutAskingTheKms() {
        Vault vault = new Vault(kms, clock);
        TenantKeys own = vault.createTenantKeys(ACME);
        vault.decrypt(own, BINDING, vault.encrypt(own, BINDING, TOKEN));
        assertThat(kms.unwraps()).isZero();
    }

    @Test
    void keyUsedEvery50MinutesIsUnwrappedOnce() {
        for (int i = 0; i < 4; i++) {
            assertThat(reader.decrypt(keys, BINDING, envelope)).isEqualTo(TOKEN);
            clock.advance(Duration.ofMinutes(50));
        }
        assertThat(kms.unwraps()).isEqualTo(1);
        assertThat(reader.stats().decryptionDekHits()).isEqualTo(3);
    }

    @Test
    void keyIdleForAnHourIsUnwrappedAgainAndTheOldBytesAreZeroed() {
        reader.decrypt(keys, BINDING, envelope);
        clock.advance(Duration.ofHours(1));
        reader.decrypt(keys, BINDING, envelope);
        assertThat(kms.unwraps()).isEqualTo(2);
        assertThat(kms.handedOut().get(0)).containsOnly(0);
    }

    @Test
    void forgettingATenantDropsAndZeroesItsCachedKeys() {
        reader.decrypt(keys, BINDING, envelope);
        reader.forget(ACME);
        assertThat(kms.handedOut().get(0)).containsOnly(0);
        reader.decrypt(keys, BINDING, envelope);
        assertThat(kms.unwraps()).isEqualTo(2);
    }

    @Test
    void duringAnOutageCachedKeysServeAndUncachedOnesFailAsRetryable() {
        reader.decrypt(keys, BINDING, envelope);
        TenantKeys rotated = writer.rotate(keys);
        byte[] uncached = writer.encrypt(rotated, BINDING, TOKEN);
        switchable.down();
        assertThat(reader.decrypt(rotated, BINDING, envelope)).isEqualTo(TOKEN);
        assertThatThrownBy(() -> reader.decrypt(rotated, BINDING, uncached)).isInstanceOf(KmsUnavailableException.class)
                .hasMessageContaining("KMS");
        switchable.up();
        assertThat(reader.decrypt(rotated, BINDING, uncached)).isEqualTo(TOKEN);
    }
}
