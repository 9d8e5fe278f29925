import type { ApiKey } from '../apiKey.js';
import { CredentialResult } from '../credential.js';
import {
  AuthpipeError, AuthpipeUnavailableError, ConnectionNotFoundError, CredentialExpiredError, RateLimitedError,
  UnauthorizedError,
} from '../errors.js';
import type { CredentialBody, ErrorBody } from '../wire.js';
import type { Clock } from './clock.js';

export interface HttpConfig {
  readonly baseUrl: string;
  readonly apiKey: ApiKey;
  readonly timeoutMs: number;
  /** 0 asks for an immediate answer; 1..10 lets the broker wait that long for a token being refreshed. */
  readonly waitSeconds: number;
  readonly clock: Clock;
}

/**
 * What one `GET /v1/credentials/{provider}/{userId}` came to. An unhappy status is a value, kept apart from a
 * transport failure (thrown as {@link AuthpipeUnavailableError}); `retryable` says whether a GET may be sent again.
 */
export type CredentialOutcome =
  | { readonly kind: 'credential'; readonly result: CredentialResult }
  | { readonly kind: 'revoked'; readonly status: string; readonly reason: string | null; readonly version: number }
  | { readonly kind: 'failed'; readonly error: AuthpipeError; readonly retryable: boolean };

export async function fetchCredential(config: HttpConfig, provider: string, userId: string): Promise<CredentialOutcome> {
  const path = `/v1/credentials/${encodeURIComponent(provider)}/${encodeURIComponent(userId)}`;
  const query = config.waitSeconds > 0 ? `?wait=${config.waitSeconds}` : '';
  const response = await send(config, path + query);
  const json = await readJson(response);
  if (response.status === 200) return { kind: 'credential', result: new CredentialResult(json as CredentialBody) };
  return classify(response, (json ?? {}) as Partial<ErrorBody>, config.clock.now());
}

function classify(response: Response, body: Partial<ErrorBody>, now: number): CredentialOutcome {
  const status = response.status;
  if (status === 410) {
    return { kind: 'revoked', status: body.status ?? 'revoked', reason: body.reason ?? null, version: body.version ?? 0 };
  }
  if (status === 503 && body.error === 'credential_expired') {
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
    const error = new CredentialExpiredError(retryAfterMs(response, body, now), expiresAt, body.version ?? null);
    return failed(error, false);
  }
  if (status === 404) return failed(new ConnectionNotFoundError(body.message), false);
  if (status === 429) return failed(new RateLimitedError(retryAfterMs(response, body, now)), false);
  if (status === 401) return failed(new UnauthorizedError(), false);
  const error = new AuthpipeUnavailableError(`broker answered ${status} ${body.error ?? ''}`.trim(), status);
  return failed(error, status === 502 || status === 503);
}

function failed(error: AuthpipeError, retryable: boolean): CredentialOutcome {
  return { kind: 'failed', error, retryable };
}

/** Sends a GET with the key and a deadline; a network error or the deadline becomes AuthpipeUnavailableError. */
export async function send(config: HttpConfig, pathAndQuery: string): Promise<Response> {
  const signal = AbortSignal.timeout(config.timeoutMs);
  try {
    return await fetch(config.baseUrl + pathAndQuery, {
      headers: { authorization: config.apiKey.bearer(), accept: 'application/json' },
      signal,
    });
  } catch (cause) {
    throw transportError(cause, signal.aborted, config.timeoutMs);
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch (cause) {
    if (response.ok) throw new AuthpipeUnavailableError('broker sent an unreadable answer', response.status, { cause });
    return null;
  }
}

/** A transport failure: `timedOut` ones are not retried (the broker is slow; asking again adds load). */
export class TransportFailure extends AuthpipeUnavailableError {
  constructor(message: string, readonly timedOut: boolean, cause: unknown) {
    super(message, null, { cause });
  }
}

function transportError(cause: unknown, timedOut: boolean, timeoutMs: number): TransportFailure {
  const message = timedOut ? `broker did not answer within ${timeoutMs} ms` : 'broker unreachable';
  return new TransportFailure(message, timedOut, cause);
}

/** `Retry-After` (seconds or an HTTP date), else the body's `retryAt`, else one second. */
function retryAfterMs(response: Response, body: Partial<ErrorBody>, now: number): number {
  const header = response.headers.get('retry-after');
  if (header !== null && /^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = header !== null ? Date.parse(header) : body.retryAt ? Date.parse(body.retryAt) : NaN;
  return Number.isNaN(at) ? 1000 : Math.max(0, at - now);
}
