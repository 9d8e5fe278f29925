package io.authpipe.vault.kms;

import static io.authpipe.vault.CryptoAssertions.assertDecryptionFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.GeneratedDataKey;
import io.authpipe.vault.KekRef;
import io.authpipe.vault.Kms;
import io.authpipe.vault.KmsKeyNotFoundException;
import io.authpipe.vault.KmsKeyUnusableException;
import io.authpipe.vault.VaultCryptoException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Kms} passes: in memory, local key file, AWS (per-tenant and shared) on the emulator.
 * Subclasses supply the KMS (fresh per test) and the names of keys their way.
 */
public abstract class KmsContract {
    protected static final TenantId ACME = TenantId.of("acme");
    protected static final TenantId GLOBEX = TenantId.of("globex");

    /** The KMS under test, the same instance for the whole test. */
    protected abstract Kms kms();

    /** Another name of {@code kek} that {@link Kms#resolve} accepts (an alias, a short form). */
    protected abstract String aliasOf(KekRef kek);

    /** A well-formed ref of this KMS that names no key. */
    protected abstract KekRef unknownKek();

    /** True if every tenant gets the same (shared) key, which cannot be destroyed. */
    protected boolean sharesOneKey() {
        return false;
    }

    /** A KEK of this KMS other than the one {@code createTenantKey(ACME)} returned. */
    protected KekRef anotherKek() {
        return kms().createTenantKey(GLOBEX);
    }

    @Test
    void generatedKeyUnwrapsToTheSamePlaintextAndNamesItsKek() {
        KekRef kek = kms().createTenantKey(ACME);
        GeneratedDataKey generated = kms().generateDataKey(kek, ACME);
        assertThat(generated.kek()).isEqualTo(kek);
        assertThat(kms().unwrap(kek, ACME, generated.wrapped())).isEqualTo(generated.plaintext());
    }

    @Test
    void generatedKeysAreFreshRandomAes256Keys() {
        KekRef kek = kms().createTenantKey(ACME);
        byte[] first = kms().generateDataKey(kek, ACME).plaintext();
        assertThat(first).hasSize(32).isNotEqualTo(kms().generateDataKey(kek, ACME).plaintext());
    }

    @Test
    void unwrapHandsOutAFreshArrayTheCallerMayZero() {
        KekRef kek = kms().createTenantKey(ACME);
        GeneratedDataKey generated = kms().generateDataKey(kek, ACME);
        Arrays.fill(kms().unwrap(kek, ACME, generated.wrapped()), (byte) 0);
        assertThat(kms().unwrap(kek, ACME, generated.wrapped())).isEqualTo(generated.plaintext());
    }

    @Test
    void anotherTenantCannotUnwrapTheKey() {
        KekRef kek = kms().createTenantKey(ACME);
        byte[] wrapped = kms().generateDataKey(kek, ACME).wrapped();
        assertDecryptionFails(() -> kms().unwrap(kek, GLOBEX, wrapped));
    }

    @Test
    void everyTamperedByteOfTheWrappedKeyFailsToUnwrap() {
        KekRef kek = kms().createTenantKey(ACME);
        byte[] wrapped = kms().generateDataKey(kek, ACME).wrapped();
        for (int i = 0; i < wrapped.length; i++) {
            byte[] tampered = wrapped.clone();
            tampered[i] ^= 0x01;
            assertDecryptionFails(() -> kms().unwrap(kek, ACME, tampered));
        }
    }

    @Test
    void truncatedExtendedOrEmptyWrappedKeyFailsToUnwrap() {
        KekRef kek = kms().createTenantKey(ACME);
        byte[] wrapped = kms().generateDataKey(kek, ACME).wrapped();
        assertDecryptionFails(() -> kms().unwrap(kek, ACME, Arrays.copyOf(wrapped, wrapped.length - 1)));
        assertDecryptionFails(() -> kms().unwrap(kek, ACME, Arrays.copyOf(wrapped, wrapped.length + 1)));
        assertDecryptionFails(() -> kms().unwrap(kek, ACME, new byte[0]));
    }

    @Test
    void keyWrappedUnderAnotherKekFailsToUnwrapUnderThisOne() {
        KekRef kek = kms().createTenantKey(ACME);
        KekRef other = anotherKek();
        byte[] wrappedUnderOther = kms().generateDataKey(other, ACME).wrapped();
        assertThat(other).isNotEqualTo(kek);
        assertDecryptionFails(() -> kms().unwrap(kek, ACME, wrappedUnderOther));
    }

    @Test
    void unknownKekIsNotFound() {
        assertThatThrownBy(() -> kms().generateDataKey(unknownKek(), ACME)).isInstanceOf(KmsKeyNotFoundException.class);
        assertThatThrownBy(() -> kms().unwrap(unknownKek(), ACME, new byte[61])).isInstanceOf(KmsKeyNotFoundException.class);
        assertThatThrownBy(() -> kms().resolve(unknownKek().value())).isInstanceOf(KmsKeyNotFoundException.class)
                .hasMessageContaining("KMS").hasMessageContaining(unknownKek().value());
    }

    @Test
    void resolveTurnsAnotherNameIntoTheCanonicalRefAndKeepsTheCanonicalOne() {
        KekRef kek = kms().createTenantKey(ACME);
        assertThat(kms().resolve(aliasOf(kek))).isEqualTo(kek);
        assertThat(kms().resolve(kek.value())).isEqualTo(kek);
    }

    @Test
    void aKeyNamedOtherThanCanonicallyFailsTheReturnedKeyIdCheck() {
        KekRef kek = kms().createTenantKey(ACME);
        KekRef alias = new KekRef(aliasOf(kek));
        byte[] wrapped = kms().generateDataKey(kek, ACME).wrapped();
        assertThatThrownBy(() -> kms().generateDataKey(alias, ACME)).isExactlyInstanceOf(VaultCryptoException.class);
        assertDecryptionFails(() -> kms().unwrap(alias, ACME, wrapped));
    }

    @Test
    void tenantKeysAreDistinctUnlessTheKmsSharesOne() {
        KekRef first = kms().createTenantKey(ACME);
        KekRef second = kms().createTenantKey(ACME);
        KekRef globex = kms().createTenantKey(GLOBEX);
        if (sharesOneKey()) {
            assertThat(second).isEqualTo(first).isEqualTo(globex);
        } else {
            assertThat(first).isNotEqualTo(second).isNotEqualTo(globex);
        }
    }

    @Test
    void destroyedKeyNeitherUnwrapsNorGeneratesAndDestroyingAgainIsHarmless() {
        KekRef kek = kms().createTenantKey(ACME);
        byte[] wrapped = kms().generateDataKey(kek, ACME).wrapped();
        if (sharesOneKey()) {
            assertThatThrownBy(() -> kms().destroyKey(kek)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("crypto-shredding needs per-tenant keys");
            assertThat(kms().unwrap(kek, ACME, wrapped)).hasSize(32);
            return;
        }
        kms().destroyKey(kek);
        kms().destroyKey(kek);
        assertThatThrownBy(() -> kms().unwrap(kek, ACME, wrapped)).isInstanceOf(KmsKeyUnusableException.class)
                .hasMessageContaining("KMS").hasMessageContaining(kek.value());
        assertThatThrownBy(() -> kms().generateDataKey(kek, ACME)).isInstanceOf(KmsKeyUnusableException.class);
    }

    @Test
    void neitherTheKmsNorTheGeneratedKeyPrintsKeyMaterial() {
        KekRef kek = kms().createTenantKey(ACME);
        GeneratedDataKey generated = kms().generateDataKey(kek, ACME);
        assertThat(generated.toString()).contains("[redacted]").contains(kek.value())
                .doesNotContain(Secrets.forms(generated.plaintext())).doesNotContain(Secrets.forms(generated.wrapped()));
        assertThat(kms().toString()).doesNotContain(Secrets.forms(generated.plaintext()));
    }
}
