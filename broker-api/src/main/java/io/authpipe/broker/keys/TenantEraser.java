package io.authpipe.broker.keys;

import io.authpipe.broker.connection.ConnectionTraces;
import io.authpipe.broker.connection.ConnectionWriter;
import io.authpipe.broker.connection.DisconnectService;
import io.authpipe.broker.flow.AppRegistry;
import io.authpipe.broker.secrets.TenantSecrets;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.broker.tenant.TenantRegistry;
import io.authpipe.broker.vault.ConnectionStates;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.ProviderRevocation;
import io.authpipe.events.RevocationReason;
import io.authpipe.events.StoredCredential;
import io.authpipe.vault.Vault;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a tenant by crypto-shredding: revokes its live tokens at their instances (best effort), erases its
 * connections through the vault (a last DELETED record with reason TENANT_DELETED, then tombstones on the state
 * topics), tombstones its connect flows and sessions, deletes its app registrations, secrets and record, and
 * finally destroys its keys, after which no copy of its secrets anywhere (old log segments, state
 * store files, backups) can be decrypted.
 */
public final class TenantEraser {
    private static final Logger LOG = LoggerFactory.getLogger(TenantEraser.class);

    private final DisconnectService disconnects;
    private final ConnectionWriter writer;
    private final ConnectionTraces traces;
    private final AppRegistry apps;
    private final TenantSecrets secrets;
    private final TenantRegistry tenants;
    private final Vault vault;

    public TenantEraser(DisconnectService disconnects, ConnectionWriter writer, ConnectionTraces traces,
                        AppRegistry apps, TenantSecrets secrets, TenantRegistry tenants, Vault vault) {
        this.disconnects = disconnects;
        this.writer = writer;
        this.traces = traces;
        this.apps = apps;
        this.secrets = secrets;
        this.tenants = tenants;
        this.vault = vault;
    }

    /** @param connections the tenant's connections from every instance */
    public Result erase(Tenant tenant, List<StoredCredential> connections) {
        int revoked = 0;
        for (StoredCredential c : connections) {
            ConnectionKey key = ConnectionKey.of(c.getConnection().getTenantId(), c.getConnection().getProvider(),
                    c.getConnection().getUserId());
            if (ConnectionStates.holdsSecrets(c.getStatus())
                    && disconnects.revokeAtProvider(tenant, key, c) == ProviderRevocation.REVOKED) {
                revoked++;
            }
            writer.erased(key, RevocationReason.TENANT_DELETED);
        }
        traces.eraseOfTenant(tenant.id());
        apps.deleteAll(tenant);
        secrets.deleteAll(tenant);
        tenants.delete(tenant);
        vault.shred(tenant.keys());
        LOG.info("tenant erased tenant={} connections={} revokedAtProvider={}", tenant.id(), connections.size(), revoked);
        return new Result(connections.size(), revoked);
    }

    /** What the deletion did. */
    public record Result(int connectionsErased, int revokedAtProvider) {
    }
}
