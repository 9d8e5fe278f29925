package io.authpipe.broker.connection;

import io.authpipe.core.secret.Secret;
import io.authpipe.events.StoredCredential;

/** What {@code getCredential} found for a connection. */
public sealed interface CredentialRead {
    /** A usable credential: the decrypted token and the stored metadata. */
    record Usable(Secret accessToken, StoredCredential stored) implements CredentialRead { }

    /**
     * The connection is live but its access token expired (a refresh is late or failing): never served as valid.
     */
    record Expired(StoredCredential stored) implements CredentialRead { }

    /** The connection exists but is revoked (or otherwise unusable); no token is returned. */
    record Unusable(StoredCredential stored) implements CredentialRead { }
}
