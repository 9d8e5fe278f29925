package io.authpipe.launcher;

import io.authpipe.broker.tenant.ApiKey;
import io.authpipe.broker.tenant.TenantRegistry;
import io.authpipe.core.identity.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * The embedded default's tenant, {@code dev}. Its API key survives restarts through {@code dev.json}: if the stored
 * key still matches, it is kept (and the return URL follows the API's address); otherwise a new one is issued.
 */
final class DevTenant {
    static final TenantId ID = TenantId.of("dev");

    private DevTenant() {
    }

    static ApiKey ensure(TenantRegistry tenants, List<String> returnUrls, Optional<String> knownKey) {
        Optional<io.authpipe.broker.tenant.Tenant> existing = tenants.find(ID);
        if (existing.isEmpty()) {
            return tenants.create(ID, "Authpipe dev", returnUrls).orElseThrow().apiKey();
        }
        Optional<ApiKey> known = knownKey.flatMap(ApiKey::parse)
                .filter(k -> k.tenant().equals(ID) && k.matches(existing.get().apiKeyHash()));
        if (known.isEmpty()) {
            return tenants.reissue(existing.get(), returnUrls).apiKey();
        }
        if (!existing.get().returnUrls().equals(returnUrls)) {
            tenants.updateReturnUrls(existing.get(), returnUrls);
        }
        return known.get();
    }
}
