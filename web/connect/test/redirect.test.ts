import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { completeRedirect, createConnect, PENDING_REDIRECT_KEY } from '@authpipe/connect';
import {
  APP_ORIGIN,
  CONNECTION,
  fakeEnvironment,
  jsonResponse,
  session,
  SESSION_ID,
  SESSION_TOKEN,
} from '../../test-support/fakes.js';

const RETURN_URL = APP_ORIGIN + '/connected?authpipe_status=connected&authpipe_session=' + SESSION_ID
  + '&authpipe_provider=mastodon&authpipe_user=user_123';

/** A tab that left for the connect page in redirect mode, as createConnect leaves it. */
function tabThatLeft() {
  const fakes = fakeEnvironment();
  createConnect({ sessionToken: session(), mode: 'redirect', environment: fakes.environment }).open();
  return fakes;
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('completeRedirect', () => {
  it('resolves to null when the page has no authpipe_status', async () => {
    const { environment, authpipe } = tabThatLeft();
    expect(await completeRedirect(APP_ORIGIN + '/connected?x=1', { environment })).toBeNull();
    expect(authpipe.requests).toHaveLength(0);
  });

  it('reads the final state from Authpipe with the remembered token, and forgets it', async () => {
    const { environment, authpipe, window } = tabThatLeft();
    authpipe.connected();

    const outcome = await completeRedirect(RETURN_URL, { environment });

    expect(outcome).toEqual({ status: 'connected', connection: CONNECTION });
    expect(authpipe.requests).toEqual([{
      url: 'https://authpipe.example/v1/connect-sessions/' + SESSION_ID,
      headers: { Authorization: 'Bearer ' + SESSION_TOKEN, Accept: 'application/json' },
    }]);
    expect(window.storage.has(PENDING_REDIRECT_KEY)).toBe(false);
  });

  it('reads the current page when no location is given', async () => {
    const { environment, authpipe, window } = tabThatLeft();
    window.location.href = APP_ORIGIN + '/connected?authpipe_status=error&authpipe_session=' + SESSION_ID
      + '&authpipe_error=access_denied';
    authpipe.state = { id: SESSION_ID, status: 'denied', error: 'access_denied', connection: null };
    expect(await completeRedirect(undefined, { environment })).toEqual({
      status: 'error',
      error: { code: 'access_denied', message: 'The user denied access.', sessionId: SESSION_ID },
    });
  });

  it('trusts Authpipe, not the URL', async () => {
    const { environment, authpipe } = tabThatLeft();
    authpipe.state = { id: SESSION_ID, status: 'failed', error: 'token_exchange_failed', connection: null };
    const outcome = await completeRedirect(RETURN_URL, { environment });
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'token_exchange_failed' } });
  });

  it('reports missing_redirect_state in a tab that did not start a connection', async () => {
    const { environment, authpipe } = fakeEnvironment();
    const outcome = await completeRedirect(RETURN_URL, { environment });
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'missing_redirect_state', sessionId: SESSION_ID } });
    expect(authpipe.requests).toHaveLength(0);
  });

  it('reports session_mismatch when the URL names another session', async () => {
    const { environment } = tabThatLeft();
    const outcome = await completeRedirect(RETURN_URL.replace(SESSION_ID, 'cs_other'), { environment });
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'session_mismatch' } });
  });

  it('asks up to three times, a second apart, then reports status_unavailable and keeps the state', async () => {
    const { environment, authpipe, window } = tabThatLeft();
    authpipe.reply = () => jsonResponse(503, {});

    const result = completeRedirect(RETURN_URL, { environment });
    await vi.advanceTimersByTimeAsync(2000);

    expect(await result).toMatchObject({ status: 'error', error: { code: 'status_unavailable' } });
    expect(authpipe.requests).toHaveLength(3);
    expect(window.storage.has(PENDING_REDIRECT_KEY)).toBe(true);
  });
});
