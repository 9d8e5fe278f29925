package io.authpipe.sdk;

/**
 * The event stream ({@code GET /v1/events}) that keeps the cache current. While it is not {@link #CONNECTED},
 * cached entries are served for at most {@code maxStaleness} after they were last fetched.
 */
public enum StreamState {
    /** Opening the stream (at start and after every drop, following a backoff). */
    CONNECTING,
    /** The server's {@code ready} frame arrived: changes are pushed. */
    CONNECTED,
    /** The stream dropped or was refused; a reconnect is scheduled. */
    DISCONNECTED,
    /** The client was closed. */
    CLOSED
}
