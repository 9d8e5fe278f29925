import type { ConnectError, ConnectOutcome, ConnectSuccess } from './types.js';

/** The `type` of the finish page's message. */
export const MESSAGE_TYPE = 'authpipe:connect';

/**
 * The outcome a finish page's message announces, or `null` when the message is not for this attempt (another
 * type, another nonce, another session) or is malformed. Copies only the documented fields, so nothing else the
 * message might carry reaches the tenant's callbacks.
 */
export function outcomeFromMessage(data: unknown, nonce: string, sessionId: string): ConnectOutcome | null {
  if (!isRecord(data) || data.type !== MESSAGE_TYPE || data.nonce !== nonce) {
    return null;
  }
  if (data.sessionId !== undefined && data.sessionId !== sessionId) {
    return null;
  }
  if (data.status === 'connected') {
    return { status: 'connected', connection: pickConnection(data.result) };
  }
  const error = isRecord(data.error) ? data.error : {};
  const code = text(error.code) || (data.status === 'denied' ? 'access_denied' : 'failed');
  return { status: 'error', error: { code, message: text(error.message) || describe(code), sessionId } };
}

/**
 * The outcome of a `GET /v1/connect-sessions/{id}` body, or `null` while the session is still pending (or its
 * status is one this version does not know).
 */
export function outcomeFromSessionState(body: unknown, sessionId: string): ConnectOutcome | null {
  if (!isRecord(body)) {
    return null;
  }
  switch (body.status) {
    case 'connected':
      return { status: 'connected', connection: pickConnection(body.connection) };
    case 'denied':
      return sessionError('access_denied', sessionId);
    case 'failed':
      return sessionError(text(body.error) || 'failed', sessionId);
    case 'expired':
      return sessionError(text(body.error) || 'expired', sessionId);
    default:
      return null;
  }
}

function sessionError(code: string, sessionId: string): ConnectOutcome {
  return { status: 'error', error: { code, message: describe(code), sessionId } };
}

/** A connection's documented fields, and only those. */
export function pickConnection(raw: unknown): ConnectSuccess {
  const connection = isRecord(raw) ? raw : {};
  const account = isRecord(connection.account) ? connection.account : {};
  return {
    provider: text(connection.provider),
    userId: text(connection.userId),
    connectionId: text(connection.connectionId),
    account: { acct: text(account.acct), displayName: text(account.displayName) },
  };
}

/** A short English explanation of an error code. */
export function describe(code: string): string {
  switch (code) {
    case 'access_denied':
      return 'The user denied access.';
    case 'expired':
    case 'session_expired':
      return 'The connect session expired before the user finished.';
    case 'unknown_session':
      return 'Authpipe does not know this connect session (or the session token is wrong).';
    default:
      return 'The connection failed: ' + code + '.';
  }
}

/** A {@link ConnectError} for `code`, with its standard message. */
export function errorFor(code: string, sessionId?: string): ConnectError {
  return sessionId === undefined ? { code, message: describe(code) } : { code, message: describe(code), sessionId };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
