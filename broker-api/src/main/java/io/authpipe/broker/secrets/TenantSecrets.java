package io.authpipe.broker.secrets;

import io.authpipe.broker.kafka.Awaiting;
import io.authpipe.broker.kafka.Publisher;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.TenantSecret;
import io.authpipe.records.SealedBytes;
import io.authpipe.records.TenantSecretRecords;
import io.authpipe.topics.Topics;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.Vault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Secrets tenants keep in the vault and read back (webhook signing secrets, Bluesky-style app passwords): sealed
 * with the tenant's key, bound to kind and name, on the compacted {@code authpipe.tenant-secrets} topic.
 */
public final class TenantSecrets {
    private static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(10);

    private final Function<String, Optional<TenantSecret>> stored;
    private final Function<TenantId, Map<String, TenantSecret>> ofTenant;
    private final Publisher publisher;
    private final Vault vault;
    private final Clock clock;

    public TenantSecrets(Function<String, Optional<TenantSecret>> stored,
                         Function<TenantId, Map<String, TenantSecret>> ofTenant, Publisher publisher, Vault vault,
                         Clock clock) {
        this.stored = stored;
        this.ofTenant = ofTenant;
        this.publisher = publisher;
        this.vault = vault;
        this.clock = clock;
    }

    /** Stores (or replaces) a secret; returns when it can be read back on this instance. */
    public Instant put(Tenant tenant, SecretKind kind, String name, Secret secret) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        TenantSecret record = TenantSecret.newBuilder()
                .setTenantId(tenant.id().value())
                .setKind(kind.avro())
                .setName(name)
                .setSecret(SealedBytes.wrap(vault.encrypt(tenant.keys(), binding(tenant, kind, name), secret)))
                .setUpdatedAt(now)
                .build();
        String key = key(tenant, kind, name);
        publisher.publish(Topics.TENANT_SECRETS, key, record);
        Awaiting.value(() -> stored.apply(key).filter(s -> !s.getUpdatedAt().isBefore(now)), VISIBILITY_TIMEOUT);
        return now;
    }

    public Optional<StoredSecret> get(Tenant tenant, SecretKind kind, String name) {
        return stored.apply(key(tenant, kind, name)).map(s -> new StoredSecret(vault.decrypt(tenant.keys(),
                binding(tenant, kind, name), SealedBytes.unwrap(s.getSecret())), s.getUpdatedAt()));
    }

    /** The names of the tenant's secrets of {@code kind}, with when each was stored. */
    public Map<String, Instant> names(Tenant tenant, SecretKind kind) {
        Map<String, Instant> names = new java.util.TreeMap<>();
        ofTenant.apply(tenant.id()).values().stream().filter(s -> s.getKind() == kind.avro())
                .forEach(s -> names.put(s.getName(), s.getUpdatedAt()));
        return names;
    }

    /** Deletes the secret; false when there was none. */
    public boolean delete(Tenant tenant, SecretKind kind, String name) {
        String key = key(tenant, kind, name);
        if (stored.apply(key).isEmpty()) {
            return false;
        }
        publisher.publish(Topics.TENANT_SECRETS, key, null);
        Awaiting.value(() -> stored.apply(key).isEmpty() ? Optional.of(true) : Optional.empty(), VISIBILITY_TIMEOUT);
        return true;
    }

    /** Seals every secret of the tenant again under its current key; returns how many moved. */
    public int resealAll(Tenant tenant) {
        int moved = 0;
        for (TenantSecret secret : ofTenant.apply(tenant.id()).values()) {
            SecretKind kind = SecretKind.fromAvro(secret.getKind());
            byte[] sealed = SealedBytes.unwrap(secret.getSecret());
            if (!vault.isSealedUnderCurrentKey(tenant.keys(), sealed)) {
                Secret plain = vault.decrypt(tenant.keys(), binding(tenant, kind, secret.getName()), sealed);
                publisher.publish(Topics.TENANT_SECRETS, key(tenant, kind, secret.getName()),
                        TenantSecret.newBuilder(secret).setSecret(SealedBytes.wrap(vault.encrypt(tenant.keys(),
                                binding(tenant, kind, secret.getName()), plain))).build());
                moved++;
            }
        }
        return moved;
    }

    /** Removes every secret of the tenant (tombstones). */
    public void deleteAll(Tenant tenant) {
        ofTenant.apply(tenant.id()).keySet().forEach(key -> publisher.publish(Topics.TENANT_SECRETS, key, null));
    }

    /** The record key: {@code tenant:kind:name}. Names are restricted so the key is unambiguous. */
    static String key(Tenant tenant, SecretKind kind, String name) {
        return TenantSecretRecords.key(tenant.id(), kind.segment(), name);
    }

    private static SecretBinding binding(Tenant tenant, SecretKind kind, String name) {
        return TenantSecretRecords.binding(tenant.id(), kind.segment(), name, kind.purpose());
    }

    /** A secret read back: its value and when it was stored. */
    public record StoredSecret(Secret value, Instant updatedAt) {
    }
}
