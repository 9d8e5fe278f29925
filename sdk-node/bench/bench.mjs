// npm run bench: a cache hit against an awaited Map.get, and the heap a cached entry costs. Prints numbers only.
import { Authpipe } from '../dist/index.js';
import { API_KEY, FakeBroker, credentialBody } from '../test/support/fakeBroker.mjs';

const ENTRIES = 10_000;
const OPS = 2_000_000;

const broker = await new FakeBroker().start();
for (let i = 0; i < ENTRIES; i++) {
  broker.answer('mastodon', `user_${i}`, { body: credentialBody({ credential: `tok-${i}-${'x'.repeat(40)}`, version: 1 }) });
}
const authpipe = new Authpipe({ apiKey: API_KEY, baseUrl: broker.url });
while (authpipe.metrics().streamState !== 'connected') await new Promise((resolve) => setTimeout(resolve, 10));

const heapBefore = heapUsed();
for (let i = 0; i < ENTRIES; i += 50) {
  await Promise.all(Array.from({ length: 50 }, (_, j) => authpipe.getCredential({ provider: 'mastodon', userId: `user_${i + j}` })));
}
const bytesPerEntry = (heapUsed() - heapBefore) / ENTRIES;

const who = { provider: 'mastodon', tenantId: 'org_acme', userId: 'user_42' };
const map = new Map([['mastodon/user_42', await authpipe.getCredential(who)]]);
const awaitedMap = await rate(async () => { for (let i = 0; i < OPS; i++) await map.get('mastodon/user_42'); });
const awaitedHit = await rate(async () => { for (let i = 0; i < OPS; i++) await authpipe.getCredential(who); });
const syncMap = await rate(async () => { for (let i = 0; i < OPS; i++) map.get('mastodon/user_42'); });
const syncPeek = await rate(async () => { for (let i = 0; i < OPS; i++) authpipe.peekCredential(who); });

console.log(`awaited Map.get:         ${fmt(awaitedMap)} ops/s`);
console.log(`await getCredential hit: ${fmt(awaitedHit)} ops/s (${(awaitedHit / awaitedMap).toFixed(2)}x of awaited Map.get)`);
console.log(`Map.get (sync):          ${fmt(syncMap)} ops/s`);
console.log(`peekCredential hit:      ${fmt(syncPeek)} ops/s (${(syncPeek / syncMap).toFixed(2)}x of Map.get)`);
console.log(`heap per cached entry:   ${Math.round(bytesPerEntry)} bytes (${ENTRIES} entries${global.gc ? '' : ', without --expose-gc: rough'})`);
console.log(`metrics:                 ${JSON.stringify(authpipe.metrics())}`);

authpipe.close();
await broker.stop();

async function rate(run) {
  await run(); // warm-up
  const start = process.hrtime.bigint();
  await run();
  return OPS / (Number(process.hrtime.bigint() - start) / 1e9);
}

function heapUsed() {
  global.gc?.();
  global.gc?.();
  return process.memoryUsage().heapUsed;
}

function fmt(n) {
  return Math.round(n).toLocaleString('en-US');
}
