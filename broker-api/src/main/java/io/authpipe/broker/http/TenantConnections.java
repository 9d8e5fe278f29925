package io.authpipe.broker.http;

import io.authpipe.broker.connection.ConnectionStore;
import io.authpipe.broker.routing.StoreRouter;
import io.authpipe.broker.vault.VaultTopology;
import io.authpipe.core.identity.TenantId;
import io.authpipe.events.StoredCredential;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/**
 * A tenant's connections across every broker-api instance: this instance's partitions plus, unless the request was
 * itself forwarded by an authenticated peer ({@link PeerAuth}), every other instance's (fetched with the caller's
 * credentials from {@code peerPath}).
 */
final class TenantConnections {
    private final ConnectionStore store;
    private final StoreRouter router;
    private final Forwarder forwarder;
    private final PeerAuth peers;

    TenantConnections(ConnectionStore store, StoreRouter router, Forwarder forwarder, PeerAuth peers) {
        this.store = store;
        this.router = router;
        this.forwarder = forwarder;
        this.peers = peers;
    }

    List<StoredCredential> gather(Context ctx, TenantId tenant, String peerPath) {
        List<StoredCredential> all = new ArrayList<>(store.localOfTenant(tenant));
        if (!isFromPeer(ctx)) {
            for (HostInfo host : router.otherHostsOf(VaultTopology.CREDENTIALS_STORE)) {
                all.addAll(RemoteListing.fetch(forwarder, host, peerPath, ctx.header("Authorization")));
            }
        }
        return all;
    }

    /** Answers a peer's listing request with this instance's part; true if the request was one. */
    boolean answeredPeer(Context ctx, TenantId tenant) {
        if (!isFromPeer(ctx)) {
            return false;
        }
        ctx.json(RemoteListing.encode(store.localOfTenant(tenant)));
        return true;
    }

    /** Only an authenticated peer gets the internal form (sealed records); anyone else gets the external view. */
    private boolean isFromPeer(Context ctx) {
        return peers.isPeer(ctx);
    }
}
