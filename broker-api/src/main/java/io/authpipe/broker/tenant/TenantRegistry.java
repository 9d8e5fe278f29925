package io.authpipe.broker.tenant;

import io.authpipe.broker.kafka.Awaiting;
import io.authpipe.broker.kafka.Publisher;
import io.authpipe.core.identity.TenantId;
import io.authpipe.topics.Topics;
import io.authpipe.vault.TenantKeys;
import io.authpipe.vault.Vault;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates tenants and issues their API keys. Tenants live on the compacted {@code authpipe.tenants} topic,
 * materialised as a global store on every broker-api instance; a create returns once the store shows it, so the
 * new key works immediately on this instance.
 */
public final class TenantRegistry implements TenantDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(TenantRegistry.class);
    private static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(30);

    private final Function<TenantId, Optional<Tenant>> stored;
    private final Supplier<List<Tenant>> all;
    private final Publisher publisher;
    private final Vault vault;
    private final Clock clock;

    public TenantRegistry(Function<TenantId, Optional<Tenant>> stored, Supplier<List<Tenant>> all, Publisher publisher,
                          Vault vault, Clock clock) {
        this.stored = stored;
        this.all = all;
        this.publisher = publisher;
        this.vault = vault;
        this.clock = clock;
    }

    @Override
    public Optional<Tenant> find(TenantId id) {
        return stored.apply(id);
    }

    /** Every tenant. */
    public List<Tenant> all() {
        return all.get();
    }

    /** A new tenant with a fresh data key and API key; empty if the id is taken. */
    public Optional<IssuedKey> create(TenantId id, String displayName, List<String> returnUrls) {
        if (find(id).isPresent()) {
            return Optional.empty();
        }
        TenantKeys keys = vault.createTenantKeys(id);
        ApiKey key = ApiKey.generate(id);
        Tenant tenant = new Tenant(id, displayName, key.hash(), returnUrls, keys, Optional.empty());
        save(tenant);
        LOG.info("created tenant tenant={}", id);
        return Optional.of(new IssuedKey(tenant, key));
    }

    /** Replaces the tenant's API key (the old one stops working) and its return URLs. */
    public IssuedKey reissue(Tenant tenant, List<String> returnUrls) {
        ApiKey key = ApiKey.generate(tenant.id());
        Tenant updated = tenant.withApiKeyHash(key.hash()).withReturnUrls(returnUrls);
        save(updated);
        LOG.info("issued a new API key tenant={}", tenant.id());
        return new IssuedKey(updated, key);
    }

    /** Replaces the tenant's registered return URLs; its API key stays valid. */
    public Tenant updateReturnUrls(Tenant tenant, List<String> returnUrls) {
        Tenant updated = tenant.withReturnUrls(returnUrls);
        save(updated);
        return updated;
    }

    /** Stores a changed tenant (keys, rotation state); returns once this instance sees it. */
    public void update(Tenant tenant) {
        save(tenant);
    }

    /** Removes the tenant record (a tombstone); its API key stops working. */
    public void delete(Tenant tenant) {
        publisher.publish(Topics.TENANTS, tenant.id().value(), null);
        Awaiting.value(() -> find(tenant.id()).isEmpty() ? Optional.of(true) : Optional.empty(), VISIBILITY_TIMEOUT);
        LOG.info("deleted tenant tenant={}", tenant.id());
    }

    private void save(Tenant tenant) {
        publisher.publish(Topics.TENANTS, tenant.id().value(), TenantRecords.toAvro(tenant, clock.instant()));
        Awaiting.value(() -> find(tenant.id()).filter(t -> Arrays.equals(t.apiKeyHash(), tenant.apiKeyHash())
                        && t.returnUrls().equals(tenant.returnUrls()) && t.keys().equals(tenant.keys())
                        && t.rotation().equals(tenant.rotation())),
                VISIBILITY_TIMEOUT).orElseThrow(() -> new IllegalStateException(
                "tenant " + tenant.id() + " was published but did not appear in the tenants store"));
    }

    /** A tenant and the plaintext API key just issued for it: shown once, never stored. */
    public record IssuedKey(Tenant tenant, ApiKey apiKey) {
    }
}
