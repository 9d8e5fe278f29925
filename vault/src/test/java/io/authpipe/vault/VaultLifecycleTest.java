package io.authpipe.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.vault.internal.EncryptionDekCache;
import io.authpipe.vault.kms.InMemoryKms;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Encryption data keys: reused until the refresh age, replaced after, kept through KMS failures until expiry. */
class VaultLifecycleTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final SecretBinding BINDING = new SecretBinding(ACME, "mastodon", "alice", Purpose.ACCESS_TOKEN);
    private static final Secret TOKEN = Secret.of("tok_lifecycle");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final SwitchableKms switchable = new SwitchableKms(new InMemoryKms());
    private final CountingKms kms = new CountingKms(switchable);

    private Vault vault(Duration refresh, Duration expire, long budget) {
        return new Vault(kms, new VaultPolicy(refresh, expire, budget, Duration.ofHours(1)), clock);
    }

    @Test
    void encryptionKeyIsReusedUntilTheRefreshAgeAndReplacedAfter() {
        Vault vault = vault(Duration.ofHours(1), Duration.ofHours(2), 1000);
        TenantKeys keys = vault.createTenantKeys(ACME);
        byte[] first = vault.encrypt(keys, BINDING, TOKEN);
        clock.advance(Duration.ofMinutes(59));
        vault.encrypt(keys, BINDING, TOKEN);
        assertThat(kms.generates()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        byte[] later = vault.encrypt(keys, BINDING, TOKEN);
        assertThat(kms.generates()).isEqualTo(2);
        assertThat(vault.decrypt(keys, BINDING, first)).isEqualTo(TOKEN);
        assertThat(vault.decrypt(keys, BINDING, later)).isEqualTo(TOKEN);
        assertThat(vault.stats().encryptionDekHits()).isEqualTo(1);
    }

    @Test
    void failedRefreshKeepsTheOldKeyRetryingOnceAMinuteUntilItExpires() {
        Vault vault = vault(Duration.ofHours(1), Duration.ofHours(2), 1000);
        TenantKeys keys = vault.createTenantKeys(ACME);
        vault.encrypt(keys, BINDING, TOKEN);
        switchable.down();
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 10; i++) {
            vault.encrypt(keys, BINDING, TOKEN);
        }
        assertThat(kms.generates()).isEqualTo(2);
        clock.advance(EncryptionDekCache.REFRESH_RETRY);
        vault.encrypt(keys, BINDING, TOKEN);
        assertThat(kms.generates()).isEqualTo(3);
        clock.advance(Duration.ofMinutes(59));
        assertThatThrownBy(() -> vault.encrypt(keys, BINDING, TOKEN)).isInstanceOf(KmsUnavailableException.class)
                .hasMessageContaining("KMS unavailable (GenerateDataKey)");
        switchable.up();
        assertThat(vault.decrypt(keys, BINDING, vault.encrypt(keys, BINDING, TOKEN))).isEqualTo(TOKEN);
    }

    @Test
    void keyPastItsExpiryIsNeverUsedEvenWhenTheKmsIsDown() {
        Vault vault = vault(Duration.ofHours(1), Duration.ofHours(1), 1000);
        TenantKeys keys = vault.createTenantKeys(ACME);
        vault.encrypt(keys, BINDING, TOKEN);
        switchable.down();
        clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> vault.encrypt(keys, BINDING, TOKEN)).isInstanceOf(KmsUnavailableException.class);
    }

    @Test
    void aKekDestroyedMeanwhileStopsEncryptionAtTheNextRefresh() {
        InMemoryKms memory = new InMemoryKms();
        Vault vault = new Vault(memory, VaultPolicy.defaults(), clock);
        TenantKeys keys = vault.createTenantKeys(ACME);
        vault.encrypt(keys, BINDING, TOKEN);
        memory.destroyKey(keys.current());
        vault.encrypt(keys, BINDING, TOKEN);
        clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> vault.encrypt(keys, BINDING, TOKEN)).isInstanceOf(KmsKeyUnusableException.class);
        assertThatThrownBy(() -> vault.encrypt(keys, BINDING, TOKEN)).isInstanceOf(KmsKeyUnusableException.class);
    }

    @Test
    void spentEncryptionBudgetForcesAFreshKey() {
        Vault vault = vault(Duration.ofHours(1), Duration.ofHours(2), 3);
        TenantKeys keys = vault.createTenantKeys(ACME);
        for (int i = 0; i < 7; i++) {
            vault.encrypt(keys, BINDING, TOKEN);
        }
        assertThat(kms.generates()).isEqualTo(3);
    }

    @Test
    void replacedAndExpiredEncryptionKeysAreZeroed() {
        Vault vault = vault(Duration.ofHours(1), Duration.ofHours(2), 1);
        TenantKeys keys = vault.createTenantKeys(ACME);
        vault.encrypt(keys, BINDING, TOKEN);
        vault.encrypt(keys, BINDING, TOKEN);
        assertThat(kms.handedOut().get(0)).containsOnly(0);
        assertThat(kms.handedOut().get(1)).isNotEqualTo(new byte[32]);
        vault.forget(ACME);
        assertThat(kms.handedOut().get(1)).containsOnly(0);
    }

    @Test
    void anExpiredKeyOfAnIdleTenantIsSweptAndZeroedWhenAnyTenantEncrypts() {
        Vault vault = vault(Duration.ofHours(1), Duration.ofHours(2), 1000);
        TenantKeys acme = vault.createTenantKeys(ACME);
        TenantKeys globex = vault.createTenantKeys(TenantId.of("globex"));
        vault.encrypt(acme, BINDING, TOKEN);
        clock.advance(Duration.ofHours(2));
        vault.encrypt(globex, new SecretBinding(globex.tenant(), "mastodon", "bob", Purpose.ACCESS_TOKEN), TOKEN);
        assertThat(kms.handedOut().get(0)).containsOnly(0);
    }

    @Test
    void rotationMakesTheNextEncryptionUseAFreshKeyUnderTheNewKek() {
        Vault vault = vault(Duration.ofHours(1), Duration.ofHours(2), 1000);
        TenantKeys keys = vault.createTenantKeys(ACME);
        vault.encrypt(keys, BINDING, TOKEN);
        TenantKeys rotated = vault.rotate(keys);
        assertThat(kms.handedOut().get(0)).containsOnly(0);
        assertThat(vault.isSealedUnderCurrentKey(rotated, vault.encrypt(rotated, BINDING, TOKEN))).isTrue();
        assertThat(kms.generates()).isEqualTo(2);
    }
}
