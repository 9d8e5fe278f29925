package io.authpipe.vault;

import static io.authpipe.vault.CryptoAssertions.assertDecryptionFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.vault.kms.InMemoryKms;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class VaultPropertiesTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final SecretBinding BASE = new SecretBinding(ACME, "mastodon", "alice", Purpose.REFRESH_TOKEN);

    private final Vault vault = new Vault(new InMemoryKms(), new MutableClock(Instant.EPOCH));
    private final TenantKeys keys = vault.createTenantKeys(ACME);

    @Property
    void anySecretRoundTrips(@ForAll("text") String text) {
        byte[] envelope = vault.encrypt(keys, BASE, Secret.of(text));
        assertThat(vault.decrypt(keys, BASE, envelope).reveal()).isEqualTo(text);
    }

    @Property
    void anyFlippedBitAnywhereInTheEnvelopeFails(@ForAll("text") String text,
            @ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] envelope = vault.encrypt(keys, BASE, Secret.of(text));
        envelope[position % envelope.length] ^= (byte) (1 << bit);
        assertDecryptionFails(() -> vault.decrypt(keys, BASE, envelope));
    }

    @Property
    void anyTruncationOrExtensionOfTheEnvelopeFails(@ForAll("text") String text,
            @ForAll @IntRange(min = -400, max = 16) int lengthChange) {
        Assume.that(lengthChange != 0);
        byte[] envelope = vault.encrypt(keys, BASE, Secret.of(text));
        int newLength = Math.max(0, envelope.length + lengthChange);
        assertDecryptionFails(() -> vault.decrypt(keys, BASE, Arrays.copyOf(envelope, newLength)));
    }

    @Property
    void anyChangedBindingFieldFails(@ForAll("changedBindings") SecretBinding other) {
        byte[] envelope = vault.encrypt(keys, BASE, Secret.of("tok_bound"));
        TenantKeys keysAsSeenByOther = new TenantKeys(other.tenant(), keys.keks(), List.of());
        assertDecryptionFails(() -> vault.decrypt(keysAsSeenByOther, other, envelope));
    }

    @Property(tries = 200)
    void envelopeMovedToAnotherTenantDoesNotDecryptWithThatTenantsKeys(@ForAll("text") String text,
            @ForAll("otherTenants") TenantId other) {
        byte[] envelope = vault.encrypt(keys, BASE, Secret.of(text));
        TenantKeys otherKeys = vault.createTenantKeys(other);
        SecretBinding moved = new SecretBinding(other, BASE.provider(), BASE.subject(), BASE.purpose());
        assertDecryptionFails(() -> vault.decrypt(otherKeys, moved, envelope));
    }

    @Property(tries = 50)
    void afterAnyNumberOfRotationsOldEnvelopesDecryptAndNewOnesUseTheNewestKey(
            @ForAll @IntRange(min = 1, max = 6) int rotations, @ForAll("text") String text) {
        TenantKeys current = keys;
        byte[][] sealed = new byte[rotations][];
        for (int i = 0; i < rotations; i++) {
            sealed[i] = vault.encrypt(current, BASE, Secret.of(text));
            current = vault.rotate(current);
        }
        for (byte[] envelope : sealed) {
            assertThat(vault.decrypt(current, BASE, envelope).reveal()).isEqualTo(text);
            assertThat(vault.isSealedUnderCurrentKey(current, envelope)).isFalse();
        }
        assertThat(current.keks()).hasSize(rotations + 1);
        assertThat(vault.isSealedUnderCurrentKey(current, vault.encrypt(current, BASE, Secret.of(text)))).isTrue();
    }

    @Property(tries = 200)
    void decryptionFailuresNeverCarryTheSecretOrTheEnvelope(@ForAll("text") String text) {
        byte[] envelope = vault.encrypt(keys, BASE, Secret.of(text));
        envelope[envelope.length - 1] ^= 1;
        Throwable failure = catchThrowable(() -> vault.decrypt(keys, BASE, envelope));
        assertThat(failure).hasMessage("decryption failed").hasNoCause();
        assertThat(failure.toString()).doesNotContain(HexFormat.of().formatHex(envelope));
        if (text.length() >= 3) {
            assertThat(failure.toString()).doesNotContain(text);
        }
    }

    @Provide
    Arbitrary<String> text() {
        return TestArbitraries.text();
    }

    @Provide
    Arbitrary<TenantId> otherTenants() {
        return TestArbitraries.tenantIds().filter(id -> !id.equals(ACME));
    }

    @Provide
    Arbitrary<SecretBinding> changedBindings() {
        return TestArbitraries.changedFrom(BASE);
    }
}
