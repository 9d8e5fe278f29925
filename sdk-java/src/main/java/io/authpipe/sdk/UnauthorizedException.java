package io.authpipe.sdk;

/** 401: the API key is unknown or was replaced. Retrying does not help; configure the current key. */
public final class UnauthorizedException extends AuthpipeException {
    public UnauthorizedException(String message) {
        super("unauthorized", message);
    }
}
