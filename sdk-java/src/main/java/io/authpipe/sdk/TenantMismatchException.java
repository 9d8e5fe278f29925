package io.authpipe.sdk;

/**
 * The call named a tenant other than the API key's: a client serves exactly one tenant. Thrown before any I/O; a
 * programming error, never worth a retry.
 */
public final class TenantMismatchException extends AuthpipeException {
    public TenantMismatchException(String message) {
        super("tenant_mismatch", message);
    }
}
