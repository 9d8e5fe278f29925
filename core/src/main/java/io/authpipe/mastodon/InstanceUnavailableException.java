package io.authpipe.mastodon;

/**
 * The instance could not be reached or answered in a way that says nothing about the credential: connection
 * failure, timeout, 5xx, or a non-JSON body (a proxy such as Cloudflare in the way, MASTODON.md §9).
 * Transient: retry later with backoff. Never treat it as a revocation. The message names the instance and the
 * kind of failure, never a token.
 */
public final class InstanceUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InstanceUnavailableException(String message) {
        super(message);
    }

    public InstanceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
