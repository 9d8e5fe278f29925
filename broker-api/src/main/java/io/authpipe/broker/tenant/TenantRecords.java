package io.authpipe.broker.tenant;

import io.authpipe.broker.kafka.SealedBytes;
import io.authpipe.core.identity.TenantId;
import io.authpipe.events.WrappedKey;
import io.authpipe.vault.TenantKeys;
import io.authpipe.vault.WrappedDataKey;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Maps tenants between the domain and the {@code authpipe.tenants} Avro record. */
public final class TenantRecords {
    private TenantRecords() {
    }

    public static Tenant fromAvro(io.authpipe.events.Tenant record) {
        TenantId id = TenantId.of(record.getTenantId());
        return new Tenant(id, record.getDisplayName(), SealedBytes.bytes(record.getApiKeyHash()),
                record.getReturnUrls(), new TenantKeys(id, record.getDataKeys().stream()
                .map(k -> new WrappedDataKey(k.getKeyId(), k.getKekRef(), SealedBytes.bytes(k.getWrapped())))
                .toList()));
    }

    public static io.authpipe.events.Tenant toAvro(Tenant tenant, Instant createdAt) {
        return io.authpipe.events.Tenant.newBuilder()
                .setTenantId(tenant.id().value())
                .setDisplayName(tenant.displayName())
                .setApiKeyHash(ByteBuffer.wrap(tenant.apiKeyHash()))
                .setReturnUrls(tenant.returnUrls())
                .setDataKeys(tenant.keys().keys().stream()
                        .map(k -> new WrappedKey(k.keyId(), k.kekRef(), ByteBuffer.wrap(k.wrapped())))
                        .toList())
                .setCreatedAt(createdAt)
                .build();
    }
}
