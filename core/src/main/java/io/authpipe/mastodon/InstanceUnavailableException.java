package io.authpipe.mastodon;

/**
 * The instance could not be reached or answered in a way that says nothing about the credential: connection
 * failure, timeout, 5xx, or a non-JSON body (a proxy such as Cloudflare in the way, MASTODON.md §9).
 * Transient: retry later with backoff. Never treat it as a revocation. The message names the instance and the
 * kind of failure, never a token.
 *
 * <p>{@link #maybeProcessed()} says whether the server may have acted on the request all the same. That matters
 * for requests that are not idempotent, above all a refresh on a server that rotates refresh tokens: if it may have
 * been processed, the refresh token just sent may already be spent, and replaying it can look like token theft to
 * the server. It is {@code true} when writing the request had begun and no usable answer came back (a read or call
 * timeout, a reset connection, a truncated body), when a gateway answered that the server behind it gave no answer
 * (502, 504, Cloudflare's 520 and 524), and for a 2xx whose body cannot be read. It is {@code false} when the
 * request never left (refused or unroutable connection, unknown host, SSRF refusal, connect timeout, TLS handshake
 * failure) and for answers that show it was not handled (500, 503, a proxy's challenge page).
 */
public final class InstanceUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean maybeProcessed;

    /** A failure that proves the request was not processed. */
    public InstanceUnavailableException(String message) {
        this(message, null, false);
    }

    /** A failure that proves the request was not processed, with its cause (whose message must hold no token). */
    public InstanceUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private InstanceUnavailableException(String message, Throwable cause, boolean maybeProcessed) {
        super(message, cause);
        this.maybeProcessed = maybeProcessed;
    }

    /** A failure after which the server may have processed the request. */
    public static InstanceUnavailableException mayHaveBeenProcessed(String message) {
        return new InstanceUnavailableException(message, null, true);
    }

    /** A failure after which the server may have processed the request, with its cause (holding no token). */
    public static InstanceUnavailableException mayHaveBeenProcessed(String message, Throwable cause) {
        return new InstanceUnavailableException(message, cause, true);
    }

    /** Whether the server may have acted on the request although no usable answer came back (see class doc). */
    public boolean maybeProcessed() {
        return maybeProcessed;
    }
}
