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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TenantRecords.class);

    private TenantRecords() {
    }

    /**
     * The tenant a record of the {@code tenants} store stands for, if it is one: keyed by its own id, with ids, keys
     * and key references that keep their rules. Anything else on the topic (which any client with write access could
     * put there) is no tenant: absent, so it cannot stop a lookup, a listing or a start.
     */
    public static Optional<Tenant> fromStore(String key, io.authpipe.events.Tenant record) {
        if (record == null || !record.getTenantId().equals(key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromAvro(record));
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.debug("tenants record under key={} is no tenant: {}", key, e.getMessage());
            return Optional.empty();
        }
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
