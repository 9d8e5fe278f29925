package io.authpipe.broker.tenant;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.TenantKeys;
import java.util.List;
import java.util.Optional;

/**
 * A customer team: its id, display name (the client_name of its Mastodon apps), the hash of its API key, the
 * URLs a finished flow may send the browser to, its keys, and the key rotation in progress if any.
 */
public record Tenant(TenantId id, String displayName, byte[] apiKeyHash, List<String> returnUrls, TenantKeys keys,
                     Optional<KeyRotationState> rotation) {
    public Tenant {
        returnUrls = List.copyOf(returnUrls);
    }

    public Tenant withApiKeyHash(byte[] hash) {
        return new Tenant(id, displayName, hash, returnUrls, keys, rotation);
    }

    public Tenant withReturnUrls(List<String> urls) {
        return new Tenant(id, displayName, apiKeyHash, urls, keys, rotation);
    }

    public Tenant withKeys(TenantKeys newKeys, Optional<KeyRotationState> newRotation) {
        return new Tenant(id, displayName, apiKeyHash, returnUrls, newKeys, newRotation);
    }

    @Override
    public String toString() {
        return "Tenant[" + id + "]";
    }
}
