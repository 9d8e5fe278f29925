package io.authpipe.broker.keys;

import io.authpipe.broker.connection.ConnectionStore;
import io.authpipe.broker.connection.ConnectionWriter;
import io.authpipe.broker.connection.CredentialReader;
import io.authpipe.broker.flow.AppRegistry;
import io.authpipe.broker.secrets.TenantSecrets;
import io.authpipe.broker.tenant.KeyRotationState;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.broker.tenant.TenantRegistry;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.StoredCredential;
import io.authpipe.vault.TenantKeys;
import io.authpipe.vault.Vault;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import io.authpipe.core.secret.Secret;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online key rotation of a tenant. {@link #start} gives the tenant a new key: from then on every new secret is sealed
 * under it, and old secrets keep opening under the old keys. {@link #resealLocal} moves the secrets this instance owns
 * to the new key as {@code CredentialResealed} events through the vault (compare-and-set on the connection version,
 * so a concurrent change wins and a later pass retries); app client secrets and tenant secrets are republished. The
 * rotation state lives on the tenant record, so any instance resumes it after a crash; passes are idempotent.
 */
public final class KeyRotations {
    private static final Logger LOG = LoggerFactory.getLogger(KeyRotations.class);

    private final TenantRegistry tenants;
    private final Vault vault;
    private final ConnectionStore connections;
    private final CredentialReader reader;
    private final ConnectionWriter writer;
    private final AppRegistry apps;
    private final TenantSecrets secrets;
    private final Duration settle;
    private final Clock clock;

    /**
     * @param settle how long after its start a rotation stays open even when nothing is left under an old key, so
     *               writes sealed just before the start (still in flight) are caught by a later pass
     */
    public KeyRotations(TenantRegistry tenants, Vault vault, ConnectionStore connections, CredentialReader reader,
                        ConnectionWriter writer, AppRegistry apps, TenantSecrets secrets, Duration settle,
                        Clock clock) {
        this.settle = settle;
        this.tenants = tenants;
        this.vault = vault;
        this.connections = connections;
        this.reader = reader;
        this.writer = writer;
        this.apps = apps;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Gives the tenant a new key and records the rotation; new secrets use the new key at once. */
    public Tenant start(Tenant tenant) {
        TenantKeys keys = vault.rotate(tenant.keys());
        Tenant rotating = tenant.withKeys(keys, Optional.of(new KeyRotationState(keys.current(), clock.instant(),
                Optional.empty())));
        tenants.update(rotating);
        LOG.info("key rotation started tenant={} kek={}", tenant.id(), keys.current().value());
        return rotating;
    }

    /**
     * Gives every tenant from before per-tenant keys (no key-encryption key yet, secrets in version 1 envelopes) its
     * first key, and starts the rotation that reseals its old secrets under it. Idempotent. A tenant that cannot get
     * its key now is logged and left for the next start: one tenant never stops the process from starting.
     */
    public void upgradeLegacyTenants(List<Tenant> all) {
        all.stream().filter(t -> t.keys().keks().isEmpty()).forEach(t -> {
            LOG.info("giving a legacy tenant its first key tenant={}", t.id());
            try {
                start(t);
            } catch (RuntimeException e) {
                LOG.warn("a legacy tenant could not get its first key tenant={} cause={}", t.id(), e.toString());
            }
        });
    }

    /** One pass over what this instance holds; returns how many secrets it moved. */
    public int resealLocal(Tenant tenant) {
        int moved = apps.resealAll(tenant) + secrets.resealAll(tenant);
        for (StoredCredential stored : connections.localOfTenant(tenant.id())) {
            if (!reader.isSealedUnderCurrentKey(tenant, stored)) {
                ConnectionKey key = key(stored.getConnection());
                Optional<Secret> accessToken = reader.accessToken(tenant, key, stored);
                if (accessToken.isPresent()) {
                    writer.resealed(tenant, key, stored, accessToken.get(), reader.refreshToken(tenant, key, stored));
                    moved++;
                }
            }
        }
        return moved;
    }

    /** Where the rotation stands, over the tenant's connections from every instance. */
    public Progress progress(Tenant tenant, List<StoredCredential> all) {
        List<StoredCredential> live = all.stream().filter(c -> c.getAccessToken() != null).toList();
        long moved = live.stream().filter(c -> reader.isSealedUnderCurrentKey(tenant, c)).count();
        return new Progress(live.size(), (int) moved);
    }

    /** Records the rotation as complete once it has settled and nothing is left under an older key. */
    public Tenant completeIfDone(Tenant tenant, Progress progress) {
        Optional<KeyRotationState> rotation = tenant.rotation();
        if (rotation.isEmpty() || !rotation.get().running() || progress.remaining() > 0
                || clock.instant().isBefore(rotation.get().startedAt().plus(settle))) {
            return tenant;
        }
        Tenant done = tenant.withKeys(tenant.keys(), Optional.of(rotation.get().completed(clock.instant())));
        tenants.update(done);
        LOG.info("key rotation complete tenant={}", tenant.id());
        return done;
    }

    private static ConnectionKey key(ConnectionRef ref) {
        return ConnectionKey.of(ref.getTenantId(), ref.getProvider(), ref.getUserId());
    }

    /** How many live connections a rotation has to move and how many are on the new key. */
    public record Progress(int total, int onCurrentKey) {
        public int remaining() {
            return total - onCurrentKey;
        }
    }
}
