package io.authpipe.broker.tenant;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.TenantKeys;
import java.util.List;

/**
 * A customer team: its id, display name (the client_name of its Mastodon apps), the hash of its API key, the
 * URLs a finished flow may send the browser to, and its data keys.
 */
public record Tenant(TenantId id, String displayName, byte[] apiKeyHash, List<String> returnUrls, TenantKeys keys) {
    public Tenant {
        returnUrls = List.copyOf(returnUrls);
    }

    @Override
    public String toString() {
        return "Tenant[" + id + "]";
    }
}
