/**
 * The closed set of errors the client throws. Every one extends {@link AuthpipeError}, carries the server's stable
 * `code` (or a client-side one) and a `type` naming its class, and never holds the API key or a token.
 *
 * Whether to retry: {@link AuthpipeUnavailableError} and {@link RateLimitedError} are transient (the latter says when);
 * {@link CredentialExpiredError} clears once the broker has refreshed the token (`retryAfterMs`);
 * the others are permanent until someone acts (reconnect the account, fix the key or the tenant).
 */
export class AuthpipeError extends Error {
  readonly code: string;
  readonly type: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.type = new.target.name;
    this.name = new.target.name;
  }
}

/** The `tenantId` asked for is not the API key's tenant; thrown before any request. */
export class TenantMismatchError extends AuthpipeError {
  constructor(readonly requestedTenantId: string, readonly keyTenantId: string) {
    super('tenant_mismatch', `tenantId '${requestedTenantId}' is not this API key's tenant '${keyTenantId}'`);
  }
}

/** The connection's token was revoked (or needs re-authorisation): the user must connect again. */
export class ConnectionRevokedError extends AuthpipeError {
  constructor(readonly status: string, readonly reason: string | null, readonly version: number) {
    super('connection_revoked', `connection ${status}${reason ? ` (${reason})` : ''} at version ${version}`);
  }
}

/** No connection for this provider and user in the key's tenant. Not cached. */
export class ConnectionNotFoundError extends AuthpipeError {
  constructor(message = 'no connection for this provider and user') {
    super('connection_not_found', message);
  }
}

/** The token expired and the broker is refreshing it: ask again after `retryAfterMs`. */
export class CredentialExpiredError extends AuthpipeError {
  constructor(readonly retryAfterMs: number, readonly expiresAt: Date | null, readonly version: number | null) {
    super('credential_expired', `credential expired; refresh requested, retry after ${retryAfterMs} ms`);
  }
}

/** The broker rate-limited this key: ask again after `retryAfterMs`. */
export class RateLimitedError extends AuthpipeError {
  constructor(readonly retryAfterMs: number) {
    super('rate_limited', `rate limited; retry after ${retryAfterMs} ms`);
  }
}

/** The broker rejected the API key. */
export class UnauthorizedError extends AuthpipeError {
  constructor() {
    super('unauthorized', 'the broker rejected the API key');
  }
}

/** The broker could not be reached or answered 5xx, after the retries a GET allows. Transient. */
export class AuthpipeUnavailableError extends AuthpipeError {
  constructor(message: string, readonly httpStatus: number | null, options?: { cause?: unknown }) {
    super('unavailable', message, options);
  }
}
