import { describe, expect, it } from 'vitest';
import { connectPageUrl, resolveSession, sessionStatusUrl } from '../src/session.js';

describe('resolveSession', () => {
  it('takes the POST /v1/connect-sessions answer as it is', () => {
    const session = resolveSession({
      token: 'cs_1.secret.with.dots', connectUrl: 'https://authpipe.example/connect#token=cs_1.secret.with.dots',
    });
    expect(session).toEqual({
      token: 'cs_1.secret.with.dots',
      id: 'cs_1',
      connectUrl: 'https://authpipe.example/connect#token=cs_1.secret.with.dots',
      authpipeOrigin: 'https://authpipe.example',
      apiBase: 'https://authpipe.example/',
    });
  });

  it('keeps a path prefix in the API base', () => {
    const session = resolveSession({ token: 'cs_1.s', connectUrl: 'https://example.com/authpipe/connect#token=cs_1.s' });
    expect(session.apiBase).toBe('https://example.com/authpipe/');
    expect(sessionStatusUrl(session)).toBe('https://example.com/authpipe/v1/connect-sessions/cs_1');
  });

  it('builds the connect URL of a bare token from authpipeUrl, which also wins as the API base', () => {
    const session = resolveSession('cs_2.s', { authpipeUrl: 'http://127.0.0.1:8080' });
    expect(session.connectUrl).toBe('http://127.0.0.1:8080/connect#token=cs_2.s');
    expect(session.apiBase).toBe('http://127.0.0.1:8080/');
    expect(session.authpipeOrigin).toBe('http://127.0.0.1:8080');
  });

  it('takes connectUrl for a bare token', () => {
    const session = resolveSession('cs_2.s', { connectUrl: 'https://a.example/connect#token=cs_2.s' });
    expect(session.authpipeOrigin).toBe('https://a.example');
  });

  it.each([
    ['a token without a dot', 'cs_3', { authpipeUrl: 'https://a.example' }],
    ['a token starting with a dot', '.s', { authpipeUrl: 'https://a.example' }],
    ['a bare token without any URL', 'cs_3.s', {}],
    ['a relative connect URL', { token: 'cs_3.s', connectUrl: '/connect#token=cs_3.s' }, {}],
  ])('refuses %s as invalid_session', (_label, input, location) => {
    expect(() => resolveSession(input as never, location)).toThrow(expect.objectContaining({
      connectError: expect.objectContaining({ code: 'invalid_session' }),
    }));
  });
});

describe('connectPageUrl', () => {
  const session = resolveSession({ token: 'cs_1.s', connectUrl: 'https://authpipe.example/connect#token=cs_1.s' });

  it('appends origin, nonce and mode to the fragment', () => {
    expect(connectPageUrl(session, { origin: 'https://app.example:8443', nonce: 'abc', mode: 'popup' }))
      .toBe('https://authpipe.example/connect#token=cs_1.s&origin=https%3A%2F%2Fapp.example%3A8443&nonce=abc&mode=popup');
  });

  it('adds an encoded instance hint when given', () => {
    expect(connectPageUrl(session, { origin: 'https://a.b', nonce: 'n', mode: 'redirect', instance: 'http://127.0.0.1:9' }))
      .toBe('https://authpipe.example/connect#token=cs_1.s&origin=https%3A%2F%2Fa.b&nonce=n&mode=redirect'
        + '&instance=http%3A%2F%2F127.0.0.1%3A9');
  });

  it('starts the fragment when the connect URL has none', () => {
    const bare = { ...session, connectUrl: 'https://authpipe.example/connect' };
    expect(connectPageUrl(bare, { origin: 'https://a.b', nonce: 'n', mode: 'popup' }))
      .toBe('https://authpipe.example/connect#origin=https%3A%2F%2Fa.b&nonce=n&mode=popup');
  });
});
