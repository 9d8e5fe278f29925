package io.authpipe.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.vault.kms.InMemoryKms;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Unwrapped DEKs are cached until an hour after their last use, by the injected clock. */
class VaultCacheTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final SecretBinding BINDING = new SecretBinding(ACME, "mastodon", "alice", Purpose.ACCESS_TOKEN);
    private static final Secret TOKEN = Secret.of("tok_cached");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final InMemoryKms memoryKms = new InMemoryKms();
    private final CountingKms kms = new CountingKms(memoryKms);
    private final Vault writer = new Vault(memoryKms, clock);
    private final TenantKeys keys = writer.createTenantKeys(ACME);
    private final byte[] envelope = writer.encrypt(keys, BINDING, TOKEN);
    private final Vault reader = new Vault(kms, clock);

    @Test
    void keysCreatedByTheVaultAreUsedWithoutAskingTheKms() {
        Vault vault = new Vault(kms, clock);
        TenantKeys rotated = vault.rotate(vault.createTenantKeys(ACME));
        vault.decrypt(rotated, BINDING, vault.encrypt(rotated, BINDING, TOKEN));
        assertThat(kms.unwraps()).isZero();
    }

    @Test
    void keyUsedEvery50MinutesIsUnwrappedOnce() {
        for (int i = 0; i < 4; i++) {
            assertThat(reader.decrypt(keys, BINDING, envelope)).isEqualTo(TOKEN);
            clock.advance(Duration.ofMinutes(50));
        }
        assertThat(kms.unwraps()).isEqualTo(1);
    }

    @Test
    void keyIdleForAnHourIsUnwrappedAgain() {
        reader.decrypt(keys, BINDING, envelope);
        clock.advance(Vault.DEK_IDLE_EXPIRY);
        reader.decrypt(keys, BINDING, envelope);
        assertThat(kms.unwraps()).isEqualTo(2);
    }

    @Test
    void forgettingATenantDropsItsCachedKeys() {
        reader.decrypt(keys, BINDING, envelope);
        reader.forget(ACME);
        reader.decrypt(keys, BINDING, envelope);
        assertThat(kms.unwraps()).isEqualTo(2);
    }

    @Test
    void kmsOutageSurfacesAsRetryableAndTheNextAttemptSucceeds() {
        Vault vault = new Vault(new UnavailableOnceKms(memoryKms), clock);
        assertThatThrownBy(() -> vault.decrypt(keys, BINDING, envelope))
                .isExactlyInstanceOf(KmsUnavailableException.class);
        assertThat(vault.decrypt(keys, BINDING, envelope)).isEqualTo(TOKEN);
    }
}
