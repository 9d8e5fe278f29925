package io.authpipe.broker.vault;

import io.authpipe.events.ExpiryTimer;
import io.authpipe.events.StoredCredential;
import java.time.Instant;

/**
 * The refresh timer of a stored credential: when, and what the refresh-worker needs to refresh it without asking
 * anyone (instance, app registration, the sealed tokens, the failure count, whether the server rotates refresh
 * tokens).
 */
final class RefreshTimers {
    private RefreshTimers() {
    }

    static ExpiryTimer due(StoredCredential credential, Instant dueAt) {
        return timer(credential, dueAt, false);
    }

    /** Due now: a reader found the token expired. */
    static ExpiryTimer urgent(StoredCredential credential, Instant now) {
        return timer(credential, now, true);
    }

    private static ExpiryTimer timer(StoredCredential credential, Instant dueAt, boolean urgent) {
        return ExpiryTimer.newBuilder()
                .setConnection(credential.getConnection())
                .setVersion(credential.getVersion())
                .setDueAt(dueAt)
                .setExpiresAt(credential.getExpiresAt() != null ? credential.getExpiresAt() : dueAt)
                .setInstance(credential.getInstance())
                .setAppRef(credential.getAppRef())
                .setAccessToken(credential.getAccessToken())
                .setRefreshToken(credential.getRefreshToken())
                .setFailures(credential.getRefreshFailures())
                .setRefreshTokenRotates(credential.getRefreshTokenRotates())
                .setUrgent(urgent)
                .build();
    }
}
