package io.authpipe.broker.vault;

import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.CredentialUpdated;
import io.authpipe.events.RevocationReason;
import io.authpipe.events.StoredCredential;
import java.time.Instant;

/** Public projections of a stored credential: what may leave the vault without a secret. */
public final class CredentialViews {
    private CredentialViews() {
    }

    /** The {@code credential-updated} record: status and metadata, never a token. */
    public static CredentialUpdated updated(StoredCredential c) {
        return builder(c).build();
    }

    /** The last {@code credential-updated} record of an erased connection, before its tombstone. */
    static CredentialUpdated deleted(StoredCredential c, long version, RevocationReason reason, Instant now) {
        return builder(c)
                .setVersion(version)
                .setStatus(ConnectionStatus.DELETED)
                .setReason(reason)
                .setStatusReason(reason)
                .setUpdatedAt(now)
                .setNextRefreshAt(null)
                .build();
    }

    private static CredentialUpdated.Builder builder(StoredCredential c) {
        return CredentialUpdated.newBuilder()
                .setConnection(c.getConnection())
                .setVersion(c.getVersion())
                .setStatus(c.getStatus())
                .setReason(c.getStatusReason())
                .setStatusReason(c.getStatusReason())
                .setInstance(c.getInstance())
                .setScopes(c.getScopes())
                .setTokenType(c.getTokenType())
                .setExpiresAt(c.getExpiresAt())
                .setAccount(c.getAccount())
                .setUpdatedAt(c.getUpdatedAt())
                .setLastRefreshAt(c.getLastRefreshAt())
                .setNextRefreshAt(c.getNextRefreshAt())
                .setRefreshFailures(c.getRefreshFailures())
                .setLastRefreshError(c.getLastRefreshError())
                .setLastCheckAt(c.getLastCheckAt())
                .setLastCheckOutcome(c.getLastCheckOutcome());
    }
}
