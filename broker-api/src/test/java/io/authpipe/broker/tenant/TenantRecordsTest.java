package io.authpipe.broker.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.events.Tenant;
import io.authpipe.events.WrappedKey;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the {@code tenants} store holds is a tenant only if it keeps the rules: anything else a client with write access
 * put on the topic is absent, never an exception that stops a lookup, a listing or the start of broker-api.
 */
class TenantRecordsTest {

    @Test
    void aRecordKeyedByItsOwnIdWithValidKeysIsATenant() {
        assertThat(TenantRecords.fromStore("acme", record("acme", "local:acme:1:0123456789abcdef", 1)))
                .hasValueSatisfying(t -> assertThat(t.id().value()).isEqualTo("acme"));
    }

    @Test
    void aRecordUnderAnotherTenantsKeyIsNoTenant() {
        assertThat(TenantRecords.fromStore("acme", record("evil", "local:evil:1:0123456789abcdef", 1))).isEmpty();
    }

    @Test
    void aRecordBreakingARuleOfItsIdsOrKeysIsNoTenant() {
        assertThat(TenantRecords.fromStore("Not A Tenant", record("Not A Tenant", "local:x:1:0123456789abcdef", 1)))
                .isEmpty();
        assertThat(TenantRecords.fromStore("acme", record("acme", "local:acme:1:0123456789abcdef", -388713540)))
                .isEmpty();
        assertThat(TenantRecords.fromStore("acme", record("acme", " ", 1))).isEmpty();
        assertThat(TenantRecords.fromStore("acme", null)).isEmpty();
    }

    private static Tenant record(String id, String kek, int legacyKeyId) {
        return Tenant.newBuilder()
                .setTenantId(id)
                .setDisplayName("Acme")
                .setApiKeyHash(ByteBuffer.wrap(new byte[32]))
                .setReturnUrls(List.of("https://app.example/connected"))
                .setDataKeys(List.of(new WrappedKey(legacyKeyId, "local:0123456789abcdef",
                        ByteBuffer.wrap(new byte[8]))))
                .setCreatedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .setKeks(List.of(kek))
                .setKeyRotation(null)
                .build();
    }
}
