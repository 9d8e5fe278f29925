import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import {
  Authpipe, AuthpipeUnavailableError, ConnectionNotFoundError, ConnectionRevokedError, CredentialExpiredError,
  RateLimitedError, TenantMismatchError, UnauthorizedError,
} from '../dist/index.js';
import { API_KEY, FakeBroker, ManualClock, TENANT, change, credentialBody, eventually } from './support/fakeBroker.mjs';

const broker = new FakeBroker();
const clients = [];
const WHO = { provider: 'mastodon', tenantId: TENANT, userId: 'user_123' };

before(() => broker.start());
after(() => broker.stop());
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
  broker.dropStreams();
});
beforeEach(() => {
  broker.answers.clear();
  broker.credentialRequests.length = 0;
  broker.eventRequests.length = 0;
  broker.log.length = 0;
  broker.resumes = (lastEventId) => lastEventId !== undefined;
});

function client(options = {}) {
  const made = new Authpipe({ apiKey: API_KEY, baseUrl: broker.url, ...options });
  clients.push(made);
  return made;
}

async function connected(options) {
  const made = client(options);
  await eventually(() => made.metrics().streamState === 'connected', 5_000, 'the stream');
  return made;
}

test('the seed snippet answers the credential, and the second call is a hit without a request', async () => {
  broker.answer('mastodon', 'user_123', { body: credentialBody({ expiresAt: '2099-01-01T00:00:00Z', version: 3 }) });
  const authpipe = await connected();

  const { credential, tokenType, expiresAt, scopes, status, version, account } = await authpipe.getCredential(WHO);
  const again = await authpipe.getCredential(WHO);

  assert.deepEqual([credential, tokenType, scopes, status, version, account.username],
    ['tok-1', 'Bearer', ['read'], 'active', 3, 'alice']);
  assert.deepEqual(expiresAt, new Date('2099-01-01T00:00:00Z'));
  assert.equal(authpipe.peekCredential(WHO), again);
  assert.equal(broker.credentialRequests.length, 1);
  assert.deepEqual({ ...authpipe.metrics(), pushLagMs: null },
    { hits: 2, misses: 1, evictions: 0, revalidations: 0, refreshes: 0, streamState: 'connected', pushLagMs: null, entries: 1 });
});

test('neither the token nor the key shows in inspect, toString, JSON or an error', async () => {
  broker.answer('mastodon', 'user_123', { body: credentialBody() });
  const authpipe = client({ stream: false });
  const result = await authpipe.getCredential(WHO);
  const shown = [inspect(result), String(result), JSON.stringify(result), inspect(authpipe), String(authpipe)];
  for (const text of shown) assert.ok(!text.includes('tok-1') && !text.includes(API_KEY), text);
  assert.match(inspect(result), /credential: '\[redacted\]'/);
  assert.throws(() => new Authpipe({ apiKey: 'ap_x_short', baseUrl: broker.url }), (e) => !e.message.includes('short'));
});

test('another tenant is refused at once, without a request', async () => {
  const authpipe = client({ stream: false });
  await assert.rejects(authpipe.getCredential({ ...WHO, tenantId: 'org_other' }), TenantMismatchError);
  assert.equal(broker.credentialRequests.length, 0);
});

test('concurrent callers of one key share one request', async () => {
  broker.answer('mastodon', 'user_123', { body: credentialBody() });
  const authpipe = client({ stream: false });
  const results = await Promise.all(Array.from({ length: 20 }, () => authpipe.getCredential(WHO)));
  assert.equal(new Set(results).size, 1);
  assert.equal(broker.credentialRequests.length, 1);
});

test('a revoked answer is cached and thrown again without a request', async () => {
  broker.answer('mastodon', 'user_123',
    { status: 410, body: { error: 'connection_revoked', message: 'gone', status: 'revoked', version: 7, reason: 'user_revoked' } });
  const authpipe = await connected();
  for (let i = 0; i < 2; i++) {
    await assert.rejects(authpipe.getCredential(WHO), (e) => e instanceof ConnectionRevokedError
      && e.code === 'connection_revoked' && e.reason === 'user_revoked' && e.version === 7 && e.status === 'revoked');
  }
  assert.equal(broker.credentialRequests.length, 1);
});

test('each unhappy answer becomes its error class', async () => {
  const authpipe = client({ stream: false });
  const cases = [
    [{ status: 404, body: { error: 'connection_not_found', message: 'none' } }, ConnectionNotFoundError],
    [{ status: 503, headers: { 'retry-after': '4' }, body: { error: 'credential_expired', message: 'x', version: 2 } },
      (e) => e instanceof CredentialExpiredError && e.retryAfterMs === 4000],
    [{ status: 429, headers: { 'retry-after': '2' }, body: { error: 'rate_limited', message: 'x' } },
      (e) => e instanceof RateLimitedError && e.retryAfterMs === 2000],
    [{ status: 401, body: { error: 'unauthorized', message: 'x' } }, UnauthorizedError],
  ];
  for (const [answer, expected] of cases) {
    broker.answer('mastodon', 'user_123', answer);
    await assert.rejects(authpipe.getCredential(WHO), expected);
  }
  assert.equal(broker.credentialRequests.length, cases.length, 'none of them is retried');
  assert.equal(authpipe.metrics().entries, 0, 'none of them is cached');
});

test('a 502 is retried twice, then reported unavailable', async () => {
  broker.answer('mastodon', 'user_123', { status: 502, body: { error: 'bad_gateway', message: 'x' } });
  const authpipe = client({ stream: false });
  await assert.rejects(authpipe.getCredential(WHO), (e) => e instanceof AuthpipeUnavailableError && e.httpStatus === 502);
  assert.equal(broker.credentialRequests.length, 3);
});

test('a 503 followed by a credential answers the credential', async () => {
  broker.answer('mastodon', 'user_123', { status: 503, body: { error: 'unavailable', message: 'x' } }, { body: credentialBody() });
  assert.equal((await client({ stream: false }).getCredential(WHO)).credential, 'tok-1');
  assert.equal(broker.credentialRequests.length, 2);
});

test('a broker that does not answer within timeoutMs is unavailable, and not asked again', async () => {
  broker.answer('mastodon', 'user_123', { hang: true });
  const authpipe = client({ stream: false, timeoutMs: 100 });
  await assert.rejects(authpipe.getCredential(WHO), AuthpipeUnavailableError);
  assert.equal(broker.credentialRequests.length, 1);
});

test('a newer credential.updated is fetched in the background; an older one is ignored', async () => {
  broker.answer('mastodon', 'user_123', { body: credentialBody({ version: 2 }) });
  const authpipe = await connected();
  await authpipe.getCredential(WHO);
  broker.answer('mastodon', 'user_123', { body: credentialBody({ version: 3, credential: 'tok-3' }) });

  broker.emit('credential.updated', 'c1', change({ version: 2 }));
  broker.emit('credential.updated', 'c2', change({ version: 3 }));
  await eventually(() => authpipe.peekCredential(WHO)?.version === 3, 5_000, 'version 3');
  broker.emit('credential.updated', 'c3', change({ version: 1 }));
  broker.emit('credential.updated', 'c4', change({ userId: 'not_cached', version: 9 }));
  broker.emit('connection.deleted', 'c5', change({ userId: 'marker' }));
  await eventually(() => broker.credentialRequests.length >= 2);

  assert.equal((await authpipe.getCredential(WHO)).credential, 'tok-3');
  assert.deepEqual(broker.credentialRequests, ['/v1/credentials/mastodon/user_123', '/v1/credentials/mastodon/user_123']);
  assert.equal(authpipe.metrics().misses, 1);
});

test('a newer connection.revoked is thrown from memory; connection.deleted evicts', async () => {
  broker.answer('mastodon', 'user_123', { body: credentialBody({ version: 2 }) });
  const authpipe = await connected();
  await authpipe.getCredential(WHO);

  broker.emit('connection.revoked', 'c1', change({ type: 'connection.revoked', version: 3, status: 'revoked', reason: 'token_invalid' }));
  await eventually(() => {
    try { authpipe.peekCredential(WHO); return false; } catch (e) { return e instanceof ConnectionRevokedError; }
  }, 5_000, 'the revocation');
  broker.emit('connection.deleted', 'c2', change({ type: 'connection.deleted', version: 4 }));
  await eventually(() => authpipe.metrics().entries === 0, 5_000, 'the eviction');
  assert.equal(broker.credentialRequests.length, 1);
});

test('while the stream is down an entry older than maxStalenessMs is revalidated', async () => {
  broker.answer('mastodon', 'user_123', { body: credentialBody() });
  const clock = new ManualClock();
  const authpipe = client({ stream: false, clock, maxStalenessMs: 30_000 });
  await authpipe.getCredential(WHO);
  clock.advance(30_000);
  await authpipe.getCredential(WHO);
  assert.equal(broker.credentialRequests.length, 1);
  clock.advance(1);
  await authpipe.getCredential(WHO);
  assert.equal(broker.credentialRequests.length, 2);
  assert.equal(authpipe.metrics().revalidations, 1);
});

test('a token within its expiry margin is fetched again on the caller path', async () => {
  const clock = new ManualClock();
  broker.answer('mastodon', 'user_123', { body: credentialBody({ expiresAt: new Date(clock.now() + 120_000).toISOString() }) });
  const authpipe = await connected({ clock, expiryMarginMs: 60_000 });
  await authpipe.getCredential(WHO);
  clock.advance(59_999);
  assert.ok(authpipe.peekCredential(WHO));
  clock.advance(1);
  assert.equal(authpipe.peekCredential(WHO), undefined);
});

test('a reconnect sends Last-Event-ID, and one that cannot resume makes every entry stale', async () => {
  broker.answer('mastodon', 'user_123', { body: credentialBody() });
  const authpipe = await connected();
  await authpipe.getCredential(WHO);
  broker.answer('mastodon', 'user_123', { body: credentialBody({ version: 2 }) });
  broker.emit('credential.updated', 'c7', change({ version: 2 }));
  await eventually(() => authpipe.peekCredential(WHO)?.version === 2, 5_000, 'event c7 applied');
  broker.resumes = () => false;

  broker.dropStreams();
  await eventually(() => broker.eventRequests.length === 2 && authpipe.metrics().streamState === 'connected', 5_000, 'a reconnect');
  assert.equal(broker.eventRequests[1], 'c7');
  assert.equal(authpipe.peekCredential(WHO), undefined);
  await authpipe.getCredential(WHO);
  assert.equal(broker.credentialRequests.length, 3);
});

test('a refused Last-Event-ID is dropped: the stream reconnects without it and every entry is stale', async () => {
  broker.answer('mastodon', 'user_123', { body: credentialBody() });
  const authpipe = await connected();
  await authpipe.getCredential(WHO);
  broker.rejectLastEventId = true;

  broker.dropStreams();
  await eventually(() => broker.eventRequests.length === 3 && authpipe.metrics().streamState === 'connected', 5_000, 'reconnects');
  assert.deepEqual(broker.eventRequests, [undefined, 'c0', undefined]);
  assert.equal(authpipe.peekCredential(WHO), undefined);
});

test('after close() the client keeps no process alive', async () => {
  const script = `
    import { Authpipe } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
    const authpipe = new Authpipe({ apiKey: process.env.KEY, baseUrl: process.env.URL });
    while (authpipe.metrics().streamState !== 'connected') await new Promise((r) => setTimeout(r, 10));
    authpipe.close();`;
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--input-type=module', '-e', script],
    { env: { ...process.env, KEY: API_KEY, URL: broker.url }, stdio: 'inherit' });
  const code = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the process is still alive 10 s after close()')), 10_000);
    child.on('exit', (exitCode) => { clearTimeout(timer); resolve(exitCode); });
  }).finally(() => child.kill());
  assert.equal(code, 0);
});
