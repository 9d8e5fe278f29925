import type { ConnectSession } from '@authpipe/react';

/** The demo backend's route, relative to the page (served at `/demo/`, so: `POST /demo/api/connect-session`). */
export const SESSION_ROUTE = 'api/connect-session';

/**
 * Asks the demo backend for a connect session: `POST api/connect-session` with `{"userId": …}` when the page was
 * opened with `?user=…` (else `{}`: the backend's fixed demo user). The backend answers as
 * `POST /v1/connect-sessions` does: `{"token", "connectUrl", "expiresAt"}`.
 */
export async function fetchConnectSession(userId: string | null): Promise<ConnectSession> {
  const response = await fetch(SESSION_ROUTE, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(userId ? { userId } : {}),
    credentials: 'same-origin',
  });
  if (!response.ok) {
    throw new Error(`POST ${SESSION_ROUTE} answered ${response.status}`);
  }
  return (await response.json()) as ConnectSession;
}

/** The page's URL without the `authpipe_*` parameters a redirect-mode return adds. */
export function withoutAuthpipeParams(href: string): string {
  const url = new URL(href);
  for (const name of [...url.searchParams.keys()]) {
    if (name.startsWith('authpipe_')) {
      url.searchParams.delete(name);
    }
  }
  return url.pathname + url.search + url.hash;
}
