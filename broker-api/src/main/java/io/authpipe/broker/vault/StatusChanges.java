package io.authpipe.broker.vault;

import io.authpipe.events.CheckEvidence;
import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.Revocation;
import io.authpipe.events.RevocationReason;
import io.authpipe.events.StatusChange;
import io.authpipe.events.StoredCredential;
import java.time.Instant;

/**
 * The {@code authpipe.revocations} record of a status change, built in this one place so every writer fills the
 * same fields the same way: the status after the change, its direction (derived from that status), the reason, and
 * {@code changedAt} with the deprecated {@code revokedAt} equal to it.
 */
final class StatusChanges {
    private StatusChanges() {
    }

    /**
     * @param before    the connection before the change (its identity and instance)
     * @param version   the version the change produced
     * @param status    the status after the change
     * @param changedAt when it happened: when a health check was answered, otherwise when the vault applied it
     * @param evidence  the provider's answer, for a change a health check found; null otherwise
     */
    static Revocation of(StoredCredential before, long version, ConnectionStatus status, RevocationReason reason,
                         Instant changedAt, CheckEvidence evidence) {
        return Revocation.newBuilder()
                .setConnection(before.getConnection())
                .setVersion(version)
                .setStatus(status)
                .setChange(direction(status))
                .setReason(reason)
                .setChangedAt(changedAt)
                .setRevokedAt(changedAt)
                .setInstance(before.getInstance())
                .setEvidence(evidence)
                .build();
    }

    static StatusChange direction(ConnectionStatus status) {
        if (status == ConnectionStatus.DELETED) {
            return StatusChange.DELETED;
        }
        return ConnectionStates.serves(status) ? StatusChange.RECOVERED : StatusChange.UNUSABLE;
    }
}
