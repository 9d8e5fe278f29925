package io.authpipe.api.model;

import java.time.Instant;
import java.util.List;

/** A connection as {@code GET /v1/connections} lists it: status and metadata, never a token. */
public record ConnectionBody(String provider, String userId, String status, String statusReason, long version,
                             String instance, List<String> scopes, Instant expiresAt, Instant connectedAt,
                             Instant updatedAt, Account account, RefreshState refresh, HealthState health) {
    public ConnectionBody {
        scopes = List.copyOf(scopes);
    }
}
