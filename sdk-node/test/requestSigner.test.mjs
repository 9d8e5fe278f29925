import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RequestSigner } from '../dist/index.js';

// The vectors of sdk-java's RequestSignerTest (computed independently with Python's hmac).
const KEY = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8';
const SIGNED_AT = Date.parse('2026-12-01T00:00:00Z');
const signer = new RequestSigner('pk_test', KEY, { now: () => SIGNED_AT });

test('a connect request signature matches the vector', () => {
  const signature = signer.connectRequest({
    requestId: 'req-1', tenantId: 'acme', provider: 'mastodon', userId: 'user 1/é',
    instance: 'https://mastodon.example', scopes: ['read', 'write:statuses'], returnTo: 'https://app.example/done',
    forceLogin: false, stateChallenge: 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5',
  });
  assert.deepEqual(signature, { keyId: 'pk_test', signedAt: SIGNED_AT,
    signature: 'YjMXyf_j-yaXOBa4JiHPtkHv_Fm_6c58lPr0-Bb2he0' });
});

test('a check request signature matches the vector, and the key is never shown', () => {
  const signature = signer.checkRequest({
    requestId: 'req-2', tenantId: 'acme', provider: 'mastodon', userId: 'user-1', reason: 'TOKEN_REFUSED',
    reportedStatus: 401, requestedAt: SIGNED_AT - 1000,
  });
  assert.equal(signature.signature, '6hGGznItm18mOf77Q5TmLQTfk_WFFMmsDURhQ0weyfU');
  assert.equal(String(signer), 'RequestSigner[pk_test, key [redacted]]');
  assert.equal(JSON.stringify(signer), '{"keyId":"pk_test"}');
  assert.throws(() => new RequestSigner('pk_test', 'too-short'), TypeError);
});
