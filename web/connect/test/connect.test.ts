import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnect, PENDING_REDIRECT_KEY, POPUP_NAME, type ConnectOptions } from '@authpipe/connect';
import {
  AUTHPIPE_ORIGIN,
  CONNECT_URL,
  CONNECTION,
  deferred,
  fakeEnvironment,
  finishMessage,
  jsonResponse,
  session,
  SESSION_ID,
  SESSION_TOKEN,
} from '../../test-support/fakes.js';

function setup(options: Partial<ConnectOptions> = {}) {
  const fakes = fakeEnvironment();
  const callbacks = { onSuccess: vi.fn(), onError: vi.fn(), onClose: vi.fn(), onEvent: vi.fn() };
  const connect = createConnect({ sessionToken: session(), ...callbacks, environment: fakes.environment, ...options });
  const events = () => callbacks.onEvent.mock.calls.map(([event]) => event.type);
  return { ...fakes, ...callbacks, connect, events, popup: fakes.window.popup! };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('open() in popup mode', () => {
  it('opens a blank popup synchronously, then navigates it to the connect page with origin, nonce and mode', () => {
    const { connect, window, popup, events } = setup();

    connect.open();

    expect(window.open).toHaveBeenCalledTimes(1);
    const [url, name, features] = window.open.mock.calls[0]!;
    expect(url).toBe('about:blank');
    expect(name).toBe(POPUP_NAME);
    expect(features).toContain('popup=yes');
    expect(popup.url).toBe(CONNECT_URL + '&origin=' + encodeURIComponent('https://app.example')
      + '&nonce=' + popup.nonce + '&mode=popup');
    expect(popup.nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(events()).toEqual(['open']);
    expect(connect.state).toMatchObject({ ready: false, loading: true, connecting: true });
  });

  it('uses a new nonce for every open', async () => {
    const { connect, window, popup } = setup({ sessionToken: undefined, getSessionToken: async () => session() });
    await vi.advanceTimersByTimeAsync(0);
    connect.open();
    const first = popup.nonce;
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(1000);
    popup.closed = false;

    connect.open();

    expect(window.open).toHaveBeenCalledTimes(2);
    expect(popup.nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(popup.nonce).not.toBe(first);
  });

  it('adds the instance hint to the fragment', () => {
    const { connect, popup } = setup({ instance: 'mastodon.social' });
    connect.open();
    expect(popup.fragment.get('instance')).toBe('mastodon.social');
  });

  it('opens the popup before getSessionToken resolves, and navigates it once the token comes', async () => {
    const token = deferred<ReturnType<typeof session>>();
    const getSessionToken = vi.fn(() => token.promise);
    const { connect, window, popup } = setup({ sessionToken: undefined, getSessionToken });
    expect(connect.state).toMatchObject({ ready: false, loading: true });

    connect.open();

    expect(window.open).toHaveBeenCalledTimes(1);
    expect(popup.url).toBe('about:blank');
    token.resolve(session());
    await vi.advanceTimersByTimeAsync(0);
    expect(popup.url.startsWith(CONNECT_URL + '&origin=')).toBe(true);
    expect(getSessionToken).toHaveBeenCalledTimes(1);
  });

  it('only focuses the popup when a connection is already running', () => {
    const { connect, window, popup } = setup();
    connect.open();
    connect.open();
    expect(window.open).toHaveBeenCalledTimes(1);
    expect(popup.focus).toHaveBeenCalledTimes(1);
  });
});

describe('the finish page message', () => {
  it('reports success with only the documented fields, then cleans up', async () => {
    const { connect, window, popup, authpipe, onSuccess, events } = setup();
    connect.open();

    window.postMessage(finishMessage(popup.nonce, { result: { ...CONNECTION, accessToken: 'at_secret' } }),
      AUTHPIPE_ORIGIN, popup);

    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenCalledWith(CONNECTION);
    expect(JSON.stringify(onSuccess.mock.calls[0]![0])).not.toContain('at_secret');
    expect(events()).toEqual(['open', 'success']);
    expect(window.listeners.size).toBe(0);
    expect(window.broadcast.open.size).toBe(0);
    expect(popup.close).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(5000);
    expect(popup.close).toHaveBeenCalled();
    expect(authpipe.requests).toHaveLength(0);
    expect(connect.state).toMatchObject({ ready: false, loading: false, connecting: false, error: null });
  });

  it('reports an error message as onError with its code', () => {
    const { connect, window, popup, onError, onSuccess } = setup();
    connect.open();
    window.postMessage(finishMessage(popup.nonce, {
      status: 'error', result: undefined, error: { code: 'access_denied', message: 'The user said no.' },
    }), AUTHPIPE_ORIGIN, popup);
    expect(onError).toHaveBeenCalledWith({ code: 'access_denied', message: 'The user said no.', sessionId: SESSION_ID });
    expect(onSuccess).not.toHaveBeenCalled();
    expect(connect.state.error?.code).toBe('access_denied');
  });

  it('accepts a message whose source is null (the browser no longer links the windows)', () => {
    const { connect, window, popup, onSuccess } = setup();
    connect.open();
    window.postMessage(finishMessage(popup.nonce), AUTHPIPE_ORIGIN, null);
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['another origin', (nonce: string) => [finishMessage(nonce), 'https://evil.example', 'popup']],
    ['the opener page\'s own origin', (nonce: string) => [finishMessage(nonce), 'https://app.example', 'popup']],
    ['another nonce', () => [finishMessage('0'.repeat(32)), AUTHPIPE_ORIGIN, 'popup']],
    ['another source window', (nonce: string) => [finishMessage(nonce), AUTHPIPE_ORIGIN, 'other']],
    ['another type', (nonce: string) => [finishMessage(nonce, { type: 'something-else' }), AUTHPIPE_ORIGIN, 'popup']],
    ['another session', (nonce: string) => [finishMessage(nonce, { sessionId: 'cs_other' }), AUTHPIPE_ORIGIN, 'popup']],
    ['no data', () => [null, AUTHPIPE_ORIGIN, 'popup']],
  ])('ignores a message from %s', (_label, message) => {
    const { connect, window, popup, onSuccess, onError } = setup();
    connect.open();
    const [data, origin, source] = message(popup.nonce) as [unknown, string, string];
    window.postMessage(data, origin, source === 'popup' ? popup : { other: true });
    expect(onSuccess).not.toHaveBeenCalled();
    expect(onError).not.toHaveBeenCalled();
    expect(window.listeners.size).toBe(1);
    // and a right one still gets through afterwards
    window.postMessage(finishMessage(popup.nonce), AUTHPIPE_ORIGIN, popup);
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('reports only the first result', () => {
    const { connect, window, popup, onSuccess, onError } = setup();
    connect.open();
    window.postMessage(finishMessage(popup.nonce), AUTHPIPE_ORIGIN, popup);
    window.broadcast.post('authpipe-connect', finishMessage(popup.nonce, { status: 'error', error: { code: 'x' } }));
    window.postMessage(finishMessage(popup.nonce), AUTHPIPE_ORIGIN, popup);
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onError).not.toHaveBeenCalled();
  });
});

describe('the BroadcastChannel', () => {
  it('delivers a result with the right nonce and ignores others', () => {
    const { connect, window, popup, onSuccess } = setup();
    connect.open();
    expect(window.broadcast.open.size).toBe(1);
    expect([...window.broadcast.open][0]!.name).toBe('authpipe-connect');

    window.broadcast.post('authpipe-connect', finishMessage('f'.repeat(32)));
    expect(onSuccess).not.toHaveBeenCalled();
    window.broadcast.post('authpipe-connect', finishMessage(popup.nonce));
    expect(onSuccess).toHaveBeenCalledWith(CONNECTION);
    expect(window.broadcast.open.size).toBe(0);
  });
});

describe('polling the session state', () => {
  it('asks GET /v1/connect-sessions/{id} every second with the session token, and reports connected', async () => {
    const { connect, authpipe, onSuccess, popup } = setup();
    connect.open();

    await vi.advanceTimersByTimeAsync(999);
    expect(authpipe.requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(authpipe.requests).toEqual([{
      url: AUTHPIPE_ORIGIN + '/v1/connect-sessions/' + SESSION_ID,
      headers: { Authorization: 'Bearer ' + SESSION_TOKEN, Accept: 'application/json' },
    }]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(authpipe.requests).toHaveLength(2);
    expect(onSuccess).not.toHaveBeenCalled();

    authpipe.connected();
    await vi.advanceTimersByTimeAsync(1000);
    expect(onSuccess).toHaveBeenCalledWith(CONNECTION);
    expect(popup.close).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(5000);
    expect(popup.close).toHaveBeenCalled();
    expect(authpipe.requests).toHaveLength(3);
  });

  it.each([
    [{ status: 'denied', error: 'access_denied' }, 'access_denied'],
    [{ status: 'denied', error: null }, 'access_denied'],
    [{ status: 'failed', error: 'token_exchange_failed' }, 'token_exchange_failed'],
    [{ status: 'failed', error: null }, 'failed'],
    [{ status: 'expired', error: null }, 'expired'],
  ])('reports %j as onError with code %s', async (state, code) => {
    const { connect, authpipe, onError, events } = setup();
    connect.open();
    authpipe.state = { id: SESSION_ID, connection: null, ...state };
    await vi.advanceTimersByTimeAsync(1000);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code, sessionId: SESSION_ID }));
    expect(events()).toEqual(['open', 'error']);
  });

  it('reports unknown_session on 404', async () => {
    const { connect, authpipe, onError } = setup();
    connect.open();
    authpipe.reply = () => jsonResponse(404, { error: 'unknown_session' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'unknown_session' }));
  });

  it('waits Retry-After on 429 and carries on after network errors', async () => {
    const { connect, authpipe, onSuccess } = setup();
    connect.open();
    authpipe.reply = () => jsonResponse(429, { error: 'rate_limited' }, { 'Retry-After': '5' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(authpipe.requests).toHaveLength(1);
    authpipe.reply = () => Promise.reject(new TypeError('Failed to fetch'));
    await vi.advanceTimersByTimeAsync(4999);
    expect(authpipe.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(authpipe.requests).toHaveLength(2);
    authpipe.reply = null;
    authpipe.connected();
    await vi.advanceTimersByTimeAsync(1000);
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });
});

describe('the user closing the popup', () => {
  it('reports onClose after a final status check finds the session pending', async () => {
    const { connect, authpipe, popup, onClose, onError, onSuccess, events } = setup();
    connect.open();
    await vi.advanceTimersByTimeAsync(1000);
    expect(authpipe.requests).toHaveLength(1);

    popup.closed = true;
    await vi.advanceTimersByTimeAsync(1000);

    expect(authpipe.requests).toHaveLength(2);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(onSuccess).not.toHaveBeenCalled();
    expect(onError).not.toHaveBeenCalled();
    expect(events()).toEqual(['open', 'close']);
    // the session is still pending, so its token can be used again
    expect(connect.state).toMatchObject({ ready: true, loading: false, error: null });
    await vi.advanceTimersByTimeAsync(5000);
    expect(authpipe.requests).toHaveLength(2);
  });

  it('reports the final state instead when the last check finds it terminal (COOP made closed true)', async () => {
    const { connect, authpipe, popup, onClose, onSuccess } = setup();
    connect.open();
    popup.closed = true;
    authpipe.connected();
    await vi.advanceTimersByTimeAsync(1000);
    expect(onSuccess).toHaveBeenCalledWith(CONNECTION);
    expect(onClose).not.toHaveBeenCalled();
  });
});

describe('redirect mode', () => {
  it('falls back to a redirect when the popup is blocked', () => {
    const { connect, window, events } = setup();
    window.popup = null;

    connect.open();

    expect(events()).toEqual(['open', 'popup_blocked', 'redirect']);
    expect(window.location.assign).toHaveBeenCalledTimes(1);
    const target = window.location.assign.mock.calls[0]![0];
    expect(target).toMatch(new RegExp('^' + escape(CONNECT_URL) + '&origin=https%3A%2F%2Fapp\\.example'
      + '&nonce=[0-9a-f]{32}&mode=redirect$'));
    const pending = JSON.parse(window.storage.get(PENDING_REDIRECT_KEY)!);
    expect(pending).toMatchObject({ sessionId: SESSION_ID, token: SESSION_TOKEN, apiBase: AUTHPIPE_ORIGIN + '/' });
    expect(target).toContain('nonce=' + pending.nonce);
  });

  it('navigates the tab itself when mode is redirect, without opening a popup', () => {
    const { connect, window, events } = setup({ mode: 'redirect' });
    connect.open();
    expect(window.open).not.toHaveBeenCalled();
    expect(window.location.assign.mock.calls[0]![0]).toContain('&mode=redirect');
    expect(events()).toEqual(['open', 'redirect']);
  });
});

describe('session tokens', () => {
  it('fetches a token at once, and a new one after each finished connection (tokens are single-use)', async () => {
    const getSessionToken = vi.fn(async () => session());
    const { connect, window, popup } = setup({ sessionToken: undefined, getSessionToken });
    expect(connect.state).toMatchObject({ ready: false, loading: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(getSessionToken).toHaveBeenCalledTimes(1);
    expect(connect.state).toEqual({ ready: true, loading: false, connecting: false, error: null });

    connect.open();
    window.postMessage(finishMessage(popup.nonce), AUTHPIPE_ORIGIN, popup);
    expect(connect.state).toMatchObject({ ready: false, loading: true });
    await vi.advanceTimersByTimeAsync(0);

    expect(getSessionToken).toHaveBeenCalledTimes(2);
    expect(connect.ready).toBe(true);
  });

  it('shows a failed getSessionToken as an error state, and retries on open()', async () => {
    const getSessionToken = vi.fn(async (): Promise<ReturnType<typeof session>> => {
      throw new Error('backend down');
    });
    const { connect, window, popup, onError, events } = setup({ sessionToken: undefined, getSessionToken });
    await vi.advanceTimersByTimeAsync(0);
    expect(connect.state).toEqual({
      ready: false, loading: false, connecting: false, error: { code: 'session_unavailable', message: 'backend down' },
    });

    connect.open();
    expect(window.open).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(0);

    expect(getSessionToken).toHaveBeenCalledTimes(2);
    expect(popup.close).toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith({ code: 'session_unavailable', message: 'backend down' });
    expect(events()).toEqual(['open', 'error']);
  });

  it('reports session_unavailable when a static token was used up', async () => {
    const { connect, window, popup, onError } = setup();
    connect.open();
    window.postMessage(finishMessage(popup.nonce), AUTHPIPE_ORIGIN, popup);
    expect(connect.ready).toBe(false);

    connect.open();
    await vi.advanceTimersByTimeAsync(0);

    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'session_unavailable' }));
  });

  it('accepts a bare token with authpipeUrl', () => {
    const { connect, popup } = setup({ sessionToken: SESSION_TOKEN, authpipeUrl: AUTHPIPE_ORIGIN });
    connect.open();
    expect(popup.url.startsWith(AUTHPIPE_ORIGIN + '/connect#token=' + SESSION_TOKEN + '&origin=')).toBe(true);
  });

  it('shows a malformed token as an error state instead of throwing', () => {
    const { connect } = setup({ sessionToken: 'no-dot-here', authpipeUrl: AUTHPIPE_ORIGIN });
    expect(connect.state.error?.code).toBe('invalid_session');
    expect(connect.ready).toBe(false);
  });
});

describe('subscribe and destroy', () => {
  it('tells subscribers about every state change', async () => {
    const { connect, window, popup } = setup();
    const states: unknown[] = [];
    connect.subscribe((state) => states.push(state));
    connect.open();
    window.postMessage(finishMessage(popup.nonce), AUTHPIPE_ORIGIN, popup);
    expect(states).toEqual([
      { ready: false, loading: true, connecting: true, error: null },
      { ready: false, loading: false, connecting: false, error: null },
    ]);
  });

  it('calls nothing after destroy()', async () => {
    const { connect, window, popup, authpipe, onSuccess, onEvent } = setup();
    connect.open();
    onEvent.mockClear();
    connect.destroy();
    window.postMessage(finishMessage(popup.nonce), AUTHPIPE_ORIGIN, popup);
    authpipe.connected();
    await vi.advanceTimersByTimeAsync(5000);
    expect(onSuccess).not.toHaveBeenCalled();
    expect(onEvent).not.toHaveBeenCalled();
    expect(authpipe.requests).toHaveLength(0);
    expect(window.listeners.size).toBe(0);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
