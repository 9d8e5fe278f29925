package io.authpipe.health;

import io.authpipe.events.CredentialUpdated;

/**
 * Receives connections whose health check is due. This issue ships the schedule only; the check itself
 * ({@code verify_credentials} within per-instance and per-token limits, classified into revoked, suspended,
 * recovered) plugs in here.
 */
@FunctionalInterface
public interface DueCheck {
    /** Called on the stream thread; must not block. */
    void due(String connectionKey, CredentialUpdated connection);
}
