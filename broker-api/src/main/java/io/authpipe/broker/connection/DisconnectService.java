package io.authpipe.broker.connection;

import io.authpipe.broker.flow.AppRef;
import io.authpipe.broker.flow.AppRegistry;
import io.authpipe.broker.tenant.Tenant;
import io.authpipe.broker.vault.ConnectionStates;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.ProviderRevocation;
import io.authpipe.events.RevocationReason;
import io.authpipe.events.StoredCredential;
import io.authpipe.mastodon.ClientCredentials;
import io.authpipe.mastodon.InstanceUnavailableException;
import io.authpipe.mastodon.MastodonClient;
import io.authpipe.mastodon.RevokeOutcome;
import io.authpipe.mastodon.ServerDirectory;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a connection: revokes its token at the provider (if it holds one), then publishes {@code ConnectionErased},
 * which the vault turns into a last record with status DELETED on {@code credential-updated} and
 * {@code revocations} and tombstones for the key on every topic it writes; then tombstones the connection's connect
 * flows and sessions ({@link ConnectionTraces}). An already revoked connection is erased the same way. Runs on the
 * owning instance.
 *
 * <p>Mastodon returns the same token for the same app, user and scopes ({@code reuse_access_token}, MASTODON.md §3),
 * so two connections of a tenant can share one token. Revoking it at the provider would silently kill the other;
 * when another active connection holds the same account through the same app, the provider revocation is skipped.
 */
public final class DisconnectService {
    private static final Logger LOG = LoggerFactory.getLogger(DisconnectService.class);

    private final CredentialReader reader;
    private final AppRegistry apps;
    private final ServerDirectory servers;
    private final MastodonClient mastodon;
    private final ConnectionWriter writer;
    private final ConnectionTraces traces;

    public DisconnectService(CredentialReader reader, AppRegistry apps, ServerDirectory servers,
                             MastodonClient mastodon, ConnectionWriter writer, ConnectionTraces traces) {
        this.reader = reader;
        this.apps = apps;
        this.servers = servers;
        this.mastodon = mastodon;
        this.writer = writer;
        this.traces = traces;
    }

    /**
     * @param siblings the tenant's other connections (from every instance), to detect a shared token
     * @return what happened at the provider
     */
    public ProviderRevocation disconnect(Tenant tenant, ConnectionKey key, StoredCredential stored,
                                         List<StoredCredential> siblings) {
        ProviderRevocation atProvider = !ConnectionStates.holdsSecrets(stored.getStatus())
                ? ProviderRevocation.NOT_ATTEMPTED
                : sharesToken(stored, siblings) ? ProviderRevocation.SKIPPED_SHARED_TOKEN
                : revokeAtProvider(tenant, key, stored);
        writer.erased(key, RevocationReason.DISCONNECTED_BY_TENANT);
        traces.eraseOf(key);
        return atProvider;
    }

    private static boolean sharesToken(StoredCredential stored, List<StoredCredential> siblings) {
        return siblings.stream().anyMatch(other -> ConnectionStates.holdsSecrets(other.getStatus())
                && !other.getConnection().equals(stored.getConnection())
                && other.getAppRef().equals(stored.getAppRef())
                && other.getAccount().getId().equals(stored.getAccount().getId())
                && new java.util.HashSet<>(other.getScopes()).equals(new java.util.HashSet<>(stored.getScopes())));
    }

    /** Revokes the connection's token at its instance, best effort. */
    public ProviderRevocation revokeAtProvider(Tenant tenant, ConnectionKey key, StoredCredential stored) {
        Optional<ClientCredentials> client = apps.credentials(tenant, new AppRef(stored.getAppRef()));
        Optional<Secret> token = reader.accessToken(tenant, key, stored);
        if (client.isEmpty() || token.isEmpty()) {
            return ProviderRevocation.NOT_ATTEMPTED;
        }
        try {
            InstanceAddress instance = InstanceAddress.parse(stored.getInstance());
            RevokeOutcome outcome = mastodon.revoke(servers.lookup(instance), client.get(), token.get());
            return outcome == RevokeOutcome.REVOKED ? ProviderRevocation.REVOKED : ProviderRevocation.FAILED;
        } catch (InstanceUnavailableException e) {
            LOG.warn("provider revocation failed connection={} cause={}", key, e.getMessage());
            return ProviderRevocation.FAILED;
        }
    }
}
