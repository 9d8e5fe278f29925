export { Authpipe, type AuthpipeMetrics, type CredentialRequest } from './client.js';
export type { AuthpipeOptions } from './options.js';
export { CredentialResult } from './credential.js';
export {
  AuthpipeError, AuthpipeUnavailableError, ConnectionNotFoundError, ConnectionRevokedError, CredentialExpiredError,
  RateLimitedError, TenantMismatchError, UnauthorizedError,
} from './errors.js';
export type { Clock } from './internal/clock.js';
export type { StreamState } from './internal/eventStream.js';
export type { Account, CredentialBody, ConnectionChange, ErrorBody, HealthState, RefreshState } from './wire.js';
export {
  RequestSigner, type CheckRequestFields, type ConnectRequestFields, type RequestSignature,
} from './requestSigner.js';
