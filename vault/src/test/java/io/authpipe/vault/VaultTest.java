package io.authpipe.vault;

import static io.authpipe.vault.CryptoAssertions.assertDecryptionFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.vault.kms.InMemoryKms;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VaultTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final Secret TOKEN = Secret.of("tok_s3cr3t-value");
    private static final SecretBinding ALICE = SecretBinding.forConnection(
            ConnectionKey.of("acme", "mastodon", "alice"), Purpose.ACCESS_TOKEN);
    private static final SecretBinding GLOBEX_ALICE = new SecretBinding(GLOBEX, "mastodon", "alice", Purpose.ACCESS_TOKEN);

    private final InMemoryKms memory = new InMemoryKms();
    private final CountingKms kms = new CountingKms(memory);
    private final Vault vault = new Vault(kms, new MutableClock(Instant.EPOCH));
    private final TenantKeys keys = vault.createTenantKeys(ACME);

    @Test
    void newTenantGetsOneKekOfItsOwnAndNoLegacyKeys() {
        assertThat(keys.tenant()).isEqualTo(ACME);
        assertThat(keys.keks()).hasSize(1).first().extracting(KekRef::value).asString().startsWith("memory:acme:1:");
        assertThat(keys.legacyDataKeys()).isEmpty();
    }

    @Test
    void envelopeIsVersionTwoAndCarriesTheKekRefAndTheWrappedDataKey() {
        byte[] envelope = vault.encrypt(keys, ALICE, TOKEN);
        ByteBuffer in = ByteBuffer.wrap(envelope);
        assertThat(in.get()).isEqualTo((byte) 2);
        byte[] ref = new byte[in.getShort()];
        in.get(ref);
        assertThat(new String(ref, StandardCharsets.UTF_8)).isEqualTo(keys.current().value());
        assertThat(in.getShort()).isEqualTo((short) 61);
        assertThat(envelope).hasSize(1 + 2 + ref.length + 2 + 61 + 12 + TOKEN.utf8().length + 16);
    }

    @Test
    void encryptingTheSameSecretTwiceGivesDifferentEnvelopes() {
        assertThat(vault.encrypt(keys, ALICE, TOKEN)).isNotEqualTo(vault.encrypt(keys, ALICE, TOKEN));
    }

    @Test
    void rotationAddsAKekThatSealsAtOnceWhileOldEnvelopesStillDecrypt() {
        byte[] old = vault.encrypt(keys, ALICE, TOKEN);
        TenantKeys rotated = vault.rotate(keys);
        byte[] fresh = vault.encrypt(rotated, ALICE, TOKEN);
        assertThat(rotated.keks()).hasSize(2).startsWith(keys.current());
        assertThat(vault.decrypt(rotated, ALICE, old)).isEqualTo(TOKEN);
        assertThat(vault.isSealedUnderCurrentKey(rotated, old)).isFalse();
        assertThat(vault.isSealedUnderCurrentKey(rotated, fresh)).isTrue();
        assertThat(kms.generates()).isEqualTo(2);
    }

    @Test
    void envelopeOfAnotherTenantDoesNotDecryptUnderItsOwnKeys() {
        TenantKeys globex = vault.createTenantKeys(GLOBEX);
        byte[] envelope = vault.encrypt(keys, ALICE, TOKEN);
        assertDecryptionFails(() -> vault.decrypt(globex, GLOBEX_ALICE, envelope));
    }

    @Test
    void keksRelabelledForAnotherTenantDoNotDecrypt() {
        byte[] envelope = vault.encrypt(keys, ALICE, TOKEN);
        TenantKeys stolen = new TenantKeys(GLOBEX, keys.keks(), List.of());
        assertDecryptionFails(() -> new Vault(memory, new MutableClock(Instant.EPOCH)).decrypt(stolen, GLOBEX_ALICE, envelope));
    }

    @Test
    void envelopeNamingAKekTheTenantDoesNotHaveFailsBeforeAnyKmsCall() {
        TenantKeys other = vault.createTenantKeys(ACME);
        byte[] envelope = vault.encrypt(other, ALICE, TOKEN);
        Vault reader = new Vault(kms, new MutableClock(Instant.EPOCH));
        int unwrapsBefore = kms.unwraps();
        assertDecryptionFails(() -> reader.decrypt(keys, ALICE, envelope));
        assertThat(kms.unwraps()).isEqualTo(unwrapsBefore);
    }

    @Test
    void unknownVersionAndMalformedInputFailOpaquely() {
        byte[] envelope = vault.encrypt(keys, ALICE, TOKEN);
        byte[] version3 = envelope.clone();
        version3[0] = 3;
        byte[] hugeRefLength = envelope.clone();
        hugeRefLength[1] = (byte) 0xff;
        assertDecryptionFails(() -> vault.decrypt(keys, ALICE, version3));
        assertDecryptionFails(() -> vault.decrypt(keys, ALICE, hugeRefLength));
        assertDecryptionFails(() -> vault.decrypt(keys, ALICE, new byte[] {2, 0, 0}));
        assertDecryptionFails(() -> vault.decrypt(keys, ALICE, new byte[0]));
        assertThat(vault.isSealedUnderCurrentKey(keys, new byte[] {2, 0, 0})).isFalse();
    }

    @Test
    void keysOfADifferentKmsDoNotDecrypt() {
        byte[] envelope = vault.encrypt(keys, ALICE, TOKEN);
        Vault other = new Vault(new InMemoryKms(), new MutableClock(Instant.EPOCH));
        assertThatThrownBy(() -> other.decrypt(keys, ALICE, envelope)).isInstanceOf(KmsKeyNotFoundException.class);
    }

    @Test
    void encryptingForAnotherTenantThanTheKeysIsAProgrammingError() {
        assertThatThrownBy(() -> vault.encrypt(keys, GLOBEX_ALICE, TOKEN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(TOKEN.reveal());
    }

    @Test
    void tenantKeysRefuseDuplicateKeksAndNothingAtAll() {
        KekRef kek = keys.current();
        assertThatThrownBy(() -> new TenantKeys(ACME, List.of(kek, kek), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TenantKeys(ACME, List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vault.rotate(keys).withKek(kek)).isInstanceOf(IllegalArgumentException.class);
        assertThat(keys.withKek(kek)).isSameAs(keys);
    }

    @Test
    void versionOneTenantWithoutKekMustRotateBeforeSealing() {
        TenantKeys legacy = new TenantKeys(ACME, List.of(), List.of(new WrappedDataKey(1, "memory:old", new byte[61])));
        assertThatThrownBy(() -> vault.encrypt(legacy, ALICE, TOKEN)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rotate");
        TenantKeys migrated = vault.rotate(legacy);
        assertThat(vault.decrypt(migrated, ALICE, vault.encrypt(migrated, ALICE, TOKEN))).isEqualTo(TOKEN);
        assertThat(migrated.legacyDataKeys()).hasSize(1);
        assertThat(migrated.withoutLegacyDataKeys().legacyDataKeys()).isEmpty();
    }
}
