package io.authpipe.broker.events;

import io.authpipe.api.model.ConnectionChange;

/** A change of one of a tenant's connections, where it stands on {@code authpipe.credential-updated}. */
record TenantChange(String tenantId, int partition, long offset, ConnectionChange change) {
}
