import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CredentialResult } from '../dist/index.js';
import { CacheEntry, CredentialCache } from '../dist/internal/cache.js';
import { credentialBody } from './support/fakeBroker.mjs';

const LIMITS = { maxEntries: 3, expiryMarginMs: 60_000, maxStalenessMs: 30_000 };
const T0 = Date.parse('2030-01-01T00:00:00Z');

function usable(version, { expiresAt = null, validatedAt = T0, epoch = 0 } = {}) {
  const result = new CredentialResult(credentialBody({ version, expiresAt, credential: `tok-${version}` }));
  return new CacheEntry(version, result, null, validatedAt, epoch);
}

test('an older version never replaces a newer entry; the same version revalidates it', () => {
  const cache = new CredentialCache(LIMITS);
  cache.put('mastodon', 'u', usable(5));
  assert.equal(cache.put('mastodon', 'u', usable(4)).version, 5);
  const again = usable(5, { validatedAt: T0 + 1 });
  assert.equal(cache.put('mastodon', 'u', again), again);
});

test('past maxEntries the least recently used entry goes, and a hit counts as a use', () => {
  const cache = new CredentialCache(LIMITS);
  for (const user of ['a', 'b', 'c']) cache.put('mastodon', user, usable(1));
  cache.get('mastodon', 'a');
  cache.put('mastodon', 'd', usable(1));
  assert.equal(cache.peek('mastodon', 'b'), undefined);
  assert.deepEqual(['a', 'c', 'd'].map((u) => cache.peek('mastodon', u) !== undefined), [true, true, true]);
  assert.equal(cache.size, 3);
  assert.equal(cache.evictions, 1);
});

test('a token within the expiry margin is not a hit', () => {
  const cache = new CredentialCache(LIMITS);
  const entry = usable(1, { expiresAt: new Date(T0 + 120_000).toISOString() });
  assert.equal(cache.verdict(entry, T0 + 59_999, true), 'hit');
  assert.equal(cache.verdict(entry, T0 + 60_000, true), 'expiring');
});

test('a token without expiry never reaches its margin', () => {
  assert.equal(new CredentialCache(LIMITS).verdict(usable(1), T0 + 10 ** 12, true), 'hit');
});

test('while the stream is down an entry older than maxStalenessMs is stale; while connected it is fresh', () => {
  const cache = new CredentialCache(LIMITS);
  const entry = usable(1);
  assert.equal(cache.verdict(entry, T0 + 30_000, false), 'hit');
  assert.equal(cache.verdict(entry, T0 + 30_001, false), 'stale');
  assert.equal(cache.verdict(entry, T0 + 30_001, true), 'hit');
});

test('markAllStale makes every older entry stale even while connected, and a revocation too', () => {
  const cache = new CredentialCache(LIMITS);
  const revoked = new CacheEntry(2, null, { status: 'revoked', reason: 'user' }, T0, 0);
  assert.equal(cache.verdict(revoked, T0, true), 'revoked');
  cache.markAllStale();
  assert.equal(cache.verdict(usable(1), T0, true), 'stale');
  assert.equal(cache.verdict(revoked, T0, true), 'stale');
  assert.equal(cache.verdict(usable(1, { epoch: cache.epoch }), T0, true), 'hit');
});

test('delete forgets the entry and its count', () => {
  const cache = new CredentialCache(LIMITS);
  cache.put('mastodon', 'u', usable(1));
  assert.equal(cache.delete('mastodon', 'u'), true);
  assert.equal(cache.delete('mastodon', 'u'), false);
  assert.equal(cache.size, 0);
});
