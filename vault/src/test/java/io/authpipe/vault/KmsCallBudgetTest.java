package io.authpipe.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.kms.emulator.KmsEmulator;
import io.authpipe.vault.kms.ResilientKms;
import io.authpipe.vault.kms.aws.EmulatedAws;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How many requests reach AWS KMS (counted by the emulator) for 10,000 writes and 10,000 reads, and that none of them
 * carries a secret the vault sealed: the vault sends KMS only data-key requests.
 */
class KmsCallBudgetTest {
    private static final int OPERATIONS = 10_000;
    private static final TenantId ACME = TenantId.of("acme");

    private final EmulatedAws aws = new EmulatedAws();
    private final Kms kms = new ResilientKms(aws.perTenant());
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final KmsEmulator emulator = aws.emulator;

    @AfterEach
    void close() {
        kms.close();
        aws.close();
    }

    @Test
    void tenThousandWritesAndReadsOfOneTenantCostOneGenerateAndNoDecrypt() {
        Vault vault = new Vault(kms, clock);
        TenantKeys keys = vault.createTenantKeys(ACME);
        List<byte[]> envelopes = writeAndRead(vault, List.of(keys));
        assertThat(calls()).containsExactly(1L, 0L);

        Vault coldReader = new Vault(kms, clock);
        envelopes.forEach(envelope -> coldReader.decrypt(keys, binding(ACME, 0), envelope));
        assertThat(calls()).containsExactly(1L, 1L);
        assertThat(coldReader.stats().decryptionDekHits()).isEqualTo(OPERATIONS - 1);
    }

    @Test
    void tenTenantsOverTwentyFourHoursCostOneGeneratePerTenantPerHour() {
        Vault vault = new Vault(kms, clock);
        List<TenantKeys> tenants = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tenants.add(vault.createTenantKeys(TenantId.of("tenant-" + i)));
        }
        Duration step = Duration.ofHours(24).dividedBy(OPERATIONS);
        for (int i = 0; i < OPERATIONS; i++) {
            TenantKeys keys = tenants.get(i % tenants.size());
            SecretBinding binding = binding(keys.tenant(), i);
            vault.decrypt(keys, binding, vault.encrypt(keys, binding, Secret.of("tok_" + i)));
            clock.advance(step);
        }
        assertThat(calls()).containsExactly(240L, 0L);
        assertThat(vault.stats().kmsCalls()).isEqualTo(240);
    }

    @Test
    void noRequestToKmsCarriesASealedSecret() {
        Vault vault = new Vault(kms, clock);
        writeAndRead(vault, List.of(vault.createTenantKeys(ACME), vault.createTenantKeys(TenantId.of("globex"))));
        List<String> bodies = emulator.requestBodies().stream().map(body -> new String(body, StandardCharsets.UTF_8)).toList();
        assertThat(bodies).isNotEmpty().noneMatch(body -> body.contains("tok_secret-"));
    }

    private List<byte[]> writeAndRead(Vault vault, List<TenantKeys> tenants) {
        List<byte[]> envelopes = new ArrayList<>();
        for (int i = 0; i < OPERATIONS; i++) {
            TenantKeys keys = tenants.get(i % tenants.size());
            envelopes.add(vault.encrypt(keys, binding(keys.tenant(), 0), Secret.of("tok_secret-" + i)));
        }
        for (int i = 0; i < OPERATIONS; i++) {
            TenantKeys keys = tenants.get(i % tenants.size());
            assertThat(vault.decrypt(keys, binding(keys.tenant(), 0), envelopes.get(i)).reveal()).isEqualTo("tok_secret-" + i);
        }
        return envelopes;
    }

    private static SecretBinding binding(TenantId tenant, int user) {
        return new SecretBinding(tenant, "mastodon", "user-" + user, Purpose.ACCESS_TOKEN);
    }

    private List<Long> calls() {
        return List.of(emulator.callCount("GenerateDataKey"), emulator.callCount("Decrypt"));
    }
}
