package io.authpipe.sdk;

/** 404: the tenant has no connection for this provider and user. Connect the account; retrying does not help. */
public final class ConnectionNotFoundException extends AuthpipeException {
    public ConnectionNotFoundException(String message) {
        super("connection_not_found", message);
    }
}
