package io.authpipe.benchmarks;

import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.events.ConnectionRef;
import io.authpipe.sandbox.mastodon.SandboxOperator.IssuedToken;

/**
 * One of the connections the loader wrote, kept with its token so a later phase can revoke it at the sandbox.
 * {@link #toString()} never prints the token ({@link IssuedToken} redacts itself).
 */
record SampleConnection(ConnectionKey connection, IssuedToken token) {

    ConnectionRef ref() {
        return refOf(connection);
    }

    /** The Avro reference to {@code connection}, as records name it. */
    static ConnectionRef refOf(ConnectionKey connection) {
        return new ConnectionRef(connection.tenant().value(), connection.provider().value(),
                connection.user().value());
    }
}
