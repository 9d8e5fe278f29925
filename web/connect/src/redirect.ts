import { resolveEnvironment } from './environment.js';
import type { ResolvedSession } from './session.js';
import { checkSessionStatus } from './status.js';
import type { ConnectEnvironment, ConnectOutcome } from './types.js';

/** The `sessionStorage` key under which a redirect-mode attempt is remembered while the tab is away. */
export const PENDING_REDIRECT_KEY = 'authpipe-connect:redirect';

/** What the tab remembers of a redirect-mode attempt, to finish it when it comes back. */
export interface PendingRedirect {
  sessionId: string;
  /** The session token: needed to read the session's state. Not an access token. */
  token: string;
  apiBase: string;
  /** The attempt's nonce (the redirect back does not echo it; kept for diagnostics). */
  nonce: string;
  /** When the tab left, in ms since the epoch. */
  startedAt: number;
}

type SessionStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Remembers a redirect-mode attempt in `storage`. Storage errors (disabled storage) are ignored. */
export function rememberRedirect(storage: SessionStore, session: ResolvedSession, nonce: string, now: number): void {
  const pending: PendingRedirect = {
    sessionId: session.id,
    token: session.token,
    apiBase: session.apiBase,
    nonce,
    startedAt: now,
  };
  try {
    storage.setItem(PENDING_REDIRECT_KEY, JSON.stringify(pending));
  } catch {
    // completeRedirect will report missing_redirect_state
  }
}

function readPendingRedirect(storage: SessionStore): PendingRedirect | null {
  try {
    const stored = storage.getItem(PENDING_REDIRECT_KEY);
    const pending: unknown = stored === null ? null : JSON.parse(stored);
    if (typeof pending === 'object' && pending !== null && 'sessionId' in pending && 'token' in pending
      && 'apiBase' in pending) {
      return pending as PendingRedirect;
    }
  } catch {
    // unreadable: treated as absent
  }
  return null;
}

function forgetPendingRedirect(storage: SessionStore): void {
  try {
    storage.removeItem(PENDING_REDIRECT_KEY);
  } catch {
    // nothing to do
  }
}

/** Options of {@link completeRedirect}. */
export interface CompleteRedirectOptions {
  /** Replaces the browser's window (for `sessionStorage`), fetch and timers (tests). */
  environment?: ConnectEnvironment;
  /** How many times to ask for the session's state when Authpipe does not answer; default 3, 1 s apart. */
  attempts?: number;
}

/**
 * Finishes a redirect-mode connection when the tab is back on the session's `returnTo`. Reads the `authpipe_*`
 * parameters of `location` (default: the current page), then asks Authpipe for the session's final state with the
 * session token this tab remembered when it left. The URL alone is never trusted (anyone can write
 * `?authpipe_status=connected`): the answer comes from Authpipe.
 *
 * Resolves to `null` when `location` has no `authpipe_status` (nothing to complete), else to the outcome. Errors
 * specific to this step: `missing_redirect_state` (this tab did not start a connection, or its storage was lost),
 * `session_mismatch` (the URL names another session), `status_unavailable` (Authpipe did not answer). Clean the
 * address bar afterwards (e.g. `history.replaceState`) so a reload does not complete again.
 */
export async function completeRedirect(
  location?: string | URL | { href: string },
  options: CompleteRedirectOptions = {},
): Promise<ConnectOutcome | null> {
  const environment = resolveEnvironment(options.environment);
  const href = location === undefined ? environment.window.location.href
    : typeof location === 'string' ? location : location.href;
  const params = new URL(href).searchParams;
  if (params.get('authpipe_status') === null) {
    return null;
  }
  const storage = environment.window.sessionStorage;
  const pending = readPendingRedirect(storage);
  const sessionId = params.get('authpipe_session') ?? undefined;
  if (pending === null) {
    return failure('missing_redirect_state',
      'This tab has no record of starting a connection, so its result cannot be checked.', sessionId);
  }
  if (sessionId !== undefined && sessionId !== pending.sessionId) {
    return failure('session_mismatch', 'The page came back for another connect session.', sessionId);
  }
  const attempts = Math.max(1, options.attempts ?? 3);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const check = await checkSessionStatus(environment.fetch, {
      id: pending.sessionId, token: pending.token, apiBase: pending.apiBase,
    });
    if (check.kind === 'finished') {
      forgetPendingRedirect(storage);
      return check.outcome;
    }
    if (attempt < attempts) {
      await new Promise<void>((resolve) => environment.timers.setTimeout(resolve, 1000));
    }
  }
  return failure('status_unavailable', 'Authpipe did not tell the final state of the connection.', pending.sessionId);
}

function failure(code: string, message: string, sessionId: string | undefined): ConnectOutcome {
  const error = sessionId === undefined ? { code, message } : { code, message, sessionId };
  return { status: 'error', error };
}
