package io.authpipe.api.model;

import java.time.Instant;

/**
 * {@code POST /v1/connect-sessions}: the session token for the browser (the only thing it ever holds), when it
 * expires, and the connect page's URL with the token in its fragment.
 */
public record ConnectSessionCreated(String id, String token, Instant expiresAt, String connectUrl) {
    @Override
    public String toString() {
        return "ConnectSessionCreated[" + id + ", [redacted], " + expiresAt + "]";
    }
}
