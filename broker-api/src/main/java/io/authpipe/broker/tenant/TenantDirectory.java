package io.authpipe.broker.tenant;

import io.authpipe.core.identity.TenantId;
import java.util.Optional;

/** Looks tenants up by id. */
@FunctionalInterface
public interface TenantDirectory {
    Optional<Tenant> find(TenantId id);
}
