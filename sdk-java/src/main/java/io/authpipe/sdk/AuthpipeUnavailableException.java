package io.authpipe.sdk;

/**
 * The server could not be reached or answered 5xx, after the client's own retries (two, with backoff). Transient:
 * retrying later may help.
 */
public final class AuthpipeUnavailableException extends AuthpipeException {
    public AuthpipeUnavailableException(String message) {
        super("unavailable", message);
    }

    public AuthpipeUnavailableException(String message, Throwable cause) {
        super("unavailable", message, cause);
    }
}
