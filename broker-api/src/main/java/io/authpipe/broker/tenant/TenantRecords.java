package io.authpipe.broker.tenant;

import io.authpipe.events.KeyRotation;
import io.authpipe.events.WrappedKey;
import io.authpipe.records.SealedBytes;
import io.authpipe.records.TenantKeyRecords;
import io.authpipe.vault.KekRef;
import io.authpipe.vault.TenantKeys;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;

/** Maps tenants between the domain and the {@code authpipe.tenants} Avro record. */
public final class TenantRecords {
    private TenantRecords() {
    }

    public static Tenant fromAvro(io.authpipe.events.Tenant record) {
        TenantKeys keys = TenantKeyRecords.keysOf(record);
        return new Tenant(keys.tenant(), record.getDisplayName(), SealedBytes.bytes(record.getApiKeyHash()),
                record.getReturnUrls(), keys, Optional.ofNullable(record.getKeyRotation()).map(TenantRecords::rotation));
    }

    private static KeyRotationState rotation(KeyRotation r) {
        return new KeyRotationState(new KekRef(r.getTargetKek()), r.getStartedAt(),
                Optional.ofNullable(r.getCompletedAt()));
    }

    public static io.authpipe.events.Tenant toAvro(Tenant tenant, Instant createdAt) {
        return io.authpipe.events.Tenant.newBuilder()
                .setTenantId(tenant.id().value())
                .setDisplayName(tenant.displayName())
                .setApiKeyHash(ByteBuffer.wrap(tenant.apiKeyHash()))
                .setReturnUrls(tenant.returnUrls())
                .setDataKeys(tenant.keys().legacyDataKeys().stream()
                        .map(k -> new WrappedKey(k.keyId(), k.kekRef(), ByteBuffer.wrap(k.wrapped())))
                        .toList())
                .setKeks(tenant.keys().keks().stream().map(KekRef::value).toList())
                .setKeyRotation(tenant.rotation().map(r -> new KeyRotation(r.target().value(), r.startedAt(),
                        r.completedAt().orElse(null))).orElse(null))
                .setCreatedAt(createdAt)
                .build();
    }
}
