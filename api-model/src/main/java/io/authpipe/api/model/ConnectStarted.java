package io.authpipe.api.model;

import java.time.Instant;

/** {@code POST /v1/connect}: where to send the user's browser, and until when the link works. */
public record ConnectStarted(String authorizeUrl, Instant expiresAt) {
}
