package io.authpipe.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.vault.kms.aws.EmulatedAws;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Crypto-shredding: once a tenant's keys are destroyed, nothing of it decrypts anywhere; other tenants are untouched. */
class ShreddingTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final SecretBinding ACME_ALICE = new SecretBinding(ACME, "mastodon", "alice", Purpose.ACCESS_TOKEN);
    private static final SecretBinding GLOBEX_BOB = new SecretBinding(GLOBEX, "mastodon", "bob", Purpose.ACCESS_TOKEN);
    private static final Secret TOKEN = Secret.of("tok_shred-me");

    @TempDir
    Path dir;
    private final EmulatedAws aws = new EmulatedAws();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final List<Kms> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Kms::close);
        aws.close();
    }

    private Kms open(KmsKind kind) {
        Kms kms = kind.open(dir, aws);
        opened.add(kms);
        return kms;
    }

    @ParameterizedTest
    @EnumSource(KmsKind.class)
    void afterShreddingNoEnvelopeOfTheTenantDecryptsEvenInAFreshVault(KmsKind kind) {
        Kms kms = open(kind);
        Vault vault = new Vault(kms, clock);
        TenantKeys acme = vault.createTenantKeys(ACME);
        byte[] beforeRotation = vault.encrypt(acme, ACME_ALICE, TOKEN);
        acme = vault.rotate(acme);
        byte[] afterRotation = vault.encrypt(acme, ACME_ALICE, TOKEN);
        TenantKeys globex = vault.createTenantKeys(GLOBEX);
        byte[] untouched = vault.encrypt(globex, GLOBEX_BOB, TOKEN);

        vault.shred(acme);

        for (Vault reader : List.of(vault, new Vault(kms, clock), new Vault(open(kind), clock))) {
            for (byte[] envelope : List.of(beforeRotation, afterRotation)) {
                TenantKeys keys = acme;
                assertThatThrownBy(() -> reader.decrypt(keys, ACME_ALICE, envelope))
                        .isInstanceOf(KmsKeyUnusableException.class).hasMessageContaining("KMS");
            }
        }
        assertThat(new Vault(kms, clock).decrypt(globex, GLOBEX_BOB, untouched)).isEqualTo(TOKEN);
    }

    @Test
    void aSharedAwsKeyRefusesToShredAndKeepsServing() {
        String arn = aws.emulator.createKey("shared");
        Kms shared = aws.shared(arn);
        opened.add(shared);
        Vault vault = new Vault(shared, clock);
        TenantKeys acme = vault.createTenantKeys(ACME);
        byte[] envelope = vault.encrypt(acme, ACME_ALICE, TOKEN);

        assertThatThrownBy(() -> vault.shred(acme)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("crypto-shredding needs per-tenant keys");

        assertThat(new Vault(shared, clock).decrypt(acme, ACME_ALICE, envelope)).isEqualTo(TOKEN);
        assertThat(aws.emulator.callCount("DisableKey") + aws.emulator.callCount("ScheduleKeyDeletion")).isZero();
    }
}
