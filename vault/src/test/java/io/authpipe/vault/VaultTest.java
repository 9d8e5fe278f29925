package io.authpipe.vault;

import static io.authpipe.vault.CryptoAssertions.assertDecryptionFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.vault.kms.InMemoryKms;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VaultTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final Secret TOKEN = Secret.of("tok_s3cr3t-value");
    private static final SecretBinding ALICE = SecretBinding.forConnection(
            ConnectionKey.of("acme", "mastodon", "alice"), Purpose.ACCESS_TOKEN);

    private final Vault vault = new Vault(new InMemoryKms(), new MutableClock(Instant.EPOCH));
    private final TenantKeys keys = vault.createTenantKeys(ACME);

    @Test
    void newTenantGetsOneKeyNumberedOne() {
        assertThat(keys.tenant()).isEqualTo(ACME);
        assertThat(keys.keys()).extracting(WrappedDataKey::keyId).containsExactly(1);
    }

    @Test
    void connectionBindingUsesTheUserIdAsSubject() {
        assertThat(ALICE).isEqualTo(new SecretBinding(ACME, "mastodon", "alice", Purpose.ACCESS_TOKEN));
    }

    @Test
    void envelopeIsTheSecretPlus33BytesAndStartsWithVersionAndKeyId() {
        byte[] envelope = vault.encrypt(keys, ALICE, TOKEN);
        assertThat(envelope).hasSize(TOKEN.utf8().length + 33).startsWith(1, 0, 0, 0, 1);
    }

    @Test
    void encryptingTheSameSecretTwiceGivesDifferentEnvelopes() {
        assertThat(vault.encrypt(keys, ALICE, TOKEN)).isNotEqualTo(vault.encrypt(keys, ALICE, TOKEN));
    }

    @Test
    void rotationAddsTheNextKeyIdWhichSealsFromThenOn() {
        byte[] old = vault.encrypt(keys, ALICE, TOKEN);
        TenantKeys rotated = vault.rotate(vault.rotate(keys));
        assertThat(rotated.keys()).extracting(WrappedDataKey::keyId).containsExactly(1, 2, 3);
        assertThat(vault.encrypt(rotated, ALICE, TOKEN)).startsWith(1, 0, 0, 0, 3);
        assertThat(vault.decrypt(rotated, ALICE, old)).isEqualTo(TOKEN);
    }

    @Test
    void envelopeOfAnotherTenantDoesNotDecryptEvenUnderItsOwnKeys() {
        TenantKeys globex = vault.createTenantKeys(TenantId.of("globex"));
        SecretBinding globexAlice = new SecretBinding(TenantId.of("globex"), "mastodon", "alice", Purpose.ACCESS_TOKEN);
        byte[] envelope = vault.encrypt(keys, ALICE, TOKEN);
        assertDecryptionFails(() -> vault.decrypt(globex, globexAlice, envelope));
    }

    @Test
    void tenantKeysRelabelledForAnotherTenantDoNotDecrypt() {
        byte[] envelope = vault.encrypt(keys, ALICE, TOKEN);
        TenantKeys stolen = new TenantKeys(TenantId.of("globex"), keys.keys());
        SecretBinding globexAlice = new SecretBinding(TenantId.of("globex"), "mastodon", "alice", Purpose.ACCESS_TOKEN);
        assertDecryptionFails(() -> vault.decrypt(stolen, globexAlice, envelope));
    }

    @Test
    void unknownVersionUnknownKeyIdAndShortInputFailOpaquely() {
        byte[] envelope = vault.encrypt(keys, ALICE, TOKEN);
        byte[] version2 = envelope.clone();
        version2[0] = 2;
        byte[] keyId9 = envelope.clone();
        keyId9[4] = 9;
        assertDecryptionFails(() -> vault.decrypt(keys, ALICE, version2));
        assertDecryptionFails(() -> vault.decrypt(keys, ALICE, keyId9));
        assertDecryptionFails(() -> vault.decrypt(keys, ALICE, new byte[32]));
        assertDecryptionFails(() -> vault.decrypt(keys, ALICE, new byte[0]));
    }

    @Test
    void keysOfADifferentKmsDoNotDecrypt() {
        byte[] envelope = vault.encrypt(keys, ALICE, TOKEN);
        Vault other = new Vault(new InMemoryKms(), new MutableClock(Instant.EPOCH));
        assertDecryptionFails(() -> other.decrypt(keys, ALICE, envelope));
    }

    @Test
    void encryptingForAnotherTenantThanTheKeysIsAProgrammingError() {
        SecretBinding globex = new SecretBinding(TenantId.of("globex"), "mastodon", "alice", Purpose.ACCESS_TOKEN);
        assertThatThrownBy(() -> vault.encrypt(keys, globex, TOKEN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(TOKEN.reveal());
    }

    @Test
    void tenantKeysRefuseDuplicateKeyIdsAndEmptyLists() {
        WrappedDataKey key = keys.current();
        assertThatThrownBy(() -> new TenantKeys(ACME, List.of(key, key))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TenantKeys(ACME, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tenantKeysFindKeysById() {
        TenantKeys rotated = vault.rotate(keys);
        assertThat(rotated.byId(1)).contains(keys.current());
        assertThat(rotated.byId(2)).contains(rotated.current());
        assertThat(rotated.byId(3)).isEmpty();
    }
}
