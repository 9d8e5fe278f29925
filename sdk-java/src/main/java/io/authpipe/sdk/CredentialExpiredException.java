package io.authpipe.sdk;

import java.time.Duration;

/**
 * 503 {@code credential_expired}: the token expired and its refresh is under way. Retry after {@link #retryAfter()};
 * the client does not retry it itself.
 */
public final class CredentialExpiredException extends AuthpipeException {
    private final Duration retryAfter;

    public CredentialExpiredException(String message, Duration retryAfter) {
        super("credential_expired", message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
