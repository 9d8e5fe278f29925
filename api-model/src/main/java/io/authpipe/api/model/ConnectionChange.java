package io.authpipe.api.model;

import java.time.Instant;
import java.util.List;

/**
 * One event of {@code GET /v1/events}: a connection of the tenant changed. Never a token: a client holding the
 * credential fetches it again when {@code version} is newer than its own. {@code type} is {@code credential.updated}
 * while the connection holds a token, {@code connection.revoked} once it does not ({@code status} {@code revoked} or
 * {@code needs_reauthorization}, {@code reason} says why), {@code connection.deleted} when the connection is gone
 * (its tenant erased; version 0: whatever a client holds for it goes).
 */
public record ConnectionChange(String type, String provider, String userId, long version, String status,
                               String reason, Instant expiresAt, Instant updatedAt, List<String> scopes) {
    public static final String UPDATED = "credential.updated";
    public static final String REVOKED = "connection.revoked";
    public static final String DELETED = "connection.deleted";

    public ConnectionChange {
        scopes = List.copyOf(scopes);
    }
}
