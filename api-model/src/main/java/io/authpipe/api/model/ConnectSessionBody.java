package io.authpipe.api.model;

import java.time.Instant;

/**
 * {@code GET /v1/connect-sessions/{id}}: a connect session's state, for the connect page and the opener's poll.
 *
 * @param status     {@code pending}, {@code connected}, {@code denied}, {@code failed} or {@code expired}
 * @param instance   the server the session connects, or null when the user chooses it
 * @param error      the last flow's error code, or null
 * @param connection the connected account once {@code connected}, else null
 */
public record ConnectSessionBody(String id, String status, String provider, String userId, App app, String instance,
                                 Instant expiresAt, String error, SessionConnection connection) {

    /** The tenant's app, as the connect page names it. */
    public record App(String name) {
    }

    /** What the opener's {@code onSuccess} receives: never a token. */
    public record SessionConnection(String provider, String userId, String connectionId, AccountSummary account) {
    }

    /** The account's public handle and name. */
    public record AccountSummary(String acct, String displayName) {
    }
}
