import { errorFor, outcomeFromSessionState } from './outcomes.js';
import { sessionStatusUrl, type ResolvedSession } from './session.js';
import type { ConnectOutcome, FetchLike } from './types.js';

/** What one look at a session's state found. */
export type StatusCheck =
  /** The session ended: connected, denied, failed, expired, or unknown to Authpipe. */
  | { kind: 'finished'; outcome: ConnectOutcome }
  /** The user has not finished yet. */
  | { kind: 'pending' }
  /** No answer this time (network error, 429, 5xx): look again later, after `retryAfterMs` when given. */
  | { kind: 'unanswered'; retryAfterMs?: number };

/**
 * `GET {authpipe}/v1/connect-sessions/{id}` with the session token as the bearer. Never throws: a failure to get an
 * answer is `unanswered`.
 */
export async function checkSessionStatus(
  fetch: FetchLike,
  session: Pick<ResolvedSession, 'id' | 'token' | 'apiBase'>,
): Promise<StatusCheck> {
  try {
    const response = await fetch(sessionStatusUrl(session), {
      method: 'GET',
      headers: { Authorization: 'Bearer ' + session.token, Accept: 'application/json' },
      credentials: 'omit',
    });
    if (response.status === 404) {
      return { kind: 'finished', outcome: { status: 'error', error: errorFor('unknown_session', session.id) } };
    }
    if (response.status === 429) {
      return { kind: 'unanswered', retryAfterMs: retryAfterMs(response.headers.get('Retry-After')) };
    }
    if (response.status !== 200) {
      return { kind: 'unanswered' };
    }
    const outcome = outcomeFromSessionState(await response.json(), session.id);
    return outcome === null ? { kind: 'pending' } : { kind: 'finished', outcome };
  } catch {
    return { kind: 'unanswered' };
  }
}

/** `Retry-After` in seconds, as milliseconds; 2 s when absent or not a number. */
function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  return header !== null && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 2000;
}
