package io.authpipe.sdk;

/**
 * 410: the connection holds no usable token ({@code status} {@code revoked} or {@code needs_reauthorization},
 * {@code reason} says why). The user must connect again; retrying does not help. The client caches this answer and
 * throws it again without I/O until a newer version of the connection is pushed.
 */
public final class ConnectionRevokedException extends AuthpipeException {
    private final String status;
    private final long version;
    private final String reason;

    public ConnectionRevokedException(String message, String status, long version, String reason) {
        super("connection_revoked", message);
        this.status = status;
        this.version = version;
        this.reason = reason;
    }

    public String status() {
        return status;
    }

    public long version() {
        return version;
    }

    /** Why, e.g. {@code token_revoked}; may be null. */
    public String reason() {
        return reason;
    }
}
