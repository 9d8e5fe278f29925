package io.authpipe.broker.vault;

import io.authpipe.events.ConnectionStatus;
import io.authpipe.events.StoredCredential;
import java.util.EnumSet;
import java.util.Set;

/**
 * What each connection status means for its secrets. A connection <em>holds</em> its tokens while the grant may
 * still be good: active, refreshing, or refused for now by the provider (suspended account, insufficient scope) —
 * those can recover, so their tokens are kept, refreshed, resealed and revoked on disconnect. Only active and
 * refreshing connections <em>serve</em> their token to readers.
 */
public final class ConnectionStates {
    private static final Set<ConnectionStatus> HOLDING = EnumSet.of(ConnectionStatus.ACTIVE,
            ConnectionStatus.REFRESHING, ConnectionStatus.SUSPENDED, ConnectionStatus.INSUFFICIENT_SCOPE);
    private static final Set<ConnectionStatus> RECOVERABLE = EnumSet.of(ConnectionStatus.SUSPENDED,
            ConnectionStatus.INSUFFICIENT_SCOPE);

    private ConnectionStates() {
    }

    public static boolean holdsSecrets(ConnectionStatus status) {
        return HOLDING.contains(status);
    }

    /** Whether a health check can say anything: the connection holds its access token. */
    public static boolean isCheckable(StoredCredential credential) {
        return holdsSecrets(credential.getStatus()) && credential.getAccessToken() != null;
    }

    public static boolean serves(ConnectionStatus status) {
        return status == ConnectionStatus.ACTIVE || status == ConnectionStatus.REFRESHING;
    }

    /** Refused by the provider for now; a healthy check makes it active again. */
    public static boolean isRecoverable(ConnectionStatus status) {
        return RECOVERABLE.contains(status);
    }
}
