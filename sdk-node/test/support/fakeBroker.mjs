// A real HTTP server on 127.0.0.1 playing broker-api's /v1 contract, scripted by each test.
import { createServer } from 'node:http';

export const TENANT = 'org_acme';
export const API_KEY = `ap_${TENANT}_${'k'.repeat(43)}`;

export function credentialBody(overrides = {}) {
  return {
    credential: 'tok-1', tokenType: 'Bearer', scopes: ['read'], expiresAt: null, status: 'active', version: 1,
    instance: 'mastodon.example', refresh: null, health: null,
    account: { id: '1', username: 'alice', acct: 'alice', url: 'https://m.example/@alice', uri: 'u', displayName: 'Alice' },
    ...overrides,
  };
}

export function change(overrides = {}) {
  return {
    type: 'credential.updated', provider: 'mastodon', userId: 'user_123', version: 2, status: 'active', reason: null,
    expiresAt: null, updatedAt: new Date().toISOString(), scopes: ['read'], ...overrides,
  };
}

export class FakeBroker {
  /** `${provider}/${userId}` → a list of answers `{ status, body, headers, hang }`, the last one repeating. */
  answers = new Map();
  credentialRequests = [];
  eventRequests = [];
  streams = new Set();
  /** Decides the ready frame's `resumed` from the Last-Event-ID sent (or undefined). */
  resumes = (lastEventId) => lastEventId !== undefined;
  rejectLastEventId = false;
  /** Every frame emitted, replayed after the Last-Event-ID of a resumed stream. */
  log = [];
  #server;

  async start() {
    this.#server = createServer((req, res) => this.#handle(req, res));
    await new Promise((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${this.#server.address().port}`;
    return this;
  }

  async stop() {
    this.dropStreams();
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  answer(provider, userId, ...answers) {
    this.answers.set(`${provider}/${userId}`, answers);
  }

  /** Sends one frame to every open stream. */
  emit(type, id, data) {
    const frame = `event: ${type}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`;
    this.log.push({ id, frame });
    for (const res of this.streams) res.write(frame);
  }

  dropStreams() {
    for (const res of this.streams) res.destroy();
    this.streams.clear();
  }

  #handle(req, res) {
    if (req.headers.authorization !== `Bearer ${API_KEY}`) return json(res, 401, { error: 'unauthorized', message: 'no' });
    if (req.url === '/v1/events') return this.#events(req, res);
    const match = /^\/v1\/credentials\/([^/]+)\/([^/?]+)(\?.*)?$/.exec(req.url);
    if (!match) return json(res, 404, { error: 'not_found', message: 'no route' });
    const key = `${decodeURIComponent(match[1])}/${decodeURIComponent(match[2])}`;
    this.credentialRequests.push(req.url);
    const list = this.answers.get(key) ?? [{ status: 404, body: { error: 'connection_not_found', message: 'none' } }];
    const next = list.length > 1 ? list.shift() : list[0];
    if (next.hang) return;
    json(res, next.status ?? 200, next.body, next.headers);
  }

  #events(req, res) {
    const lastEventId = req.headers['last-event-id'];
    this.eventRequests.push(lastEventId);
    if (lastEventId !== undefined && this.rejectLastEventId) {
      this.rejectLastEventId = false;
      return json(res, 400, { error: 'invalid_last_event_id', message: 'unknown cursor' });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    const ready = { tenantId: TENANT, resumed: this.resumes(lastEventId), heartbeatSeconds: 15 };
    const since = this.log.findIndex((entry) => entry.id === lastEventId);
    const lastId = ready.resumed && since >= 0 ? lastEventId : (this.log.at(-1)?.id ?? 'c0');
    res.write(`event: ready\nid: ${lastId}\ndata: ${JSON.stringify(ready)}\n\n`);
    if (ready.resumed && since >= 0) for (const entry of this.log.slice(since + 1)) res.write(entry.frame);
    this.streams.add(res);
    res.on('close', () => this.streams.delete(res));
  }
}

function json(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Polls `condition` until it holds (or throws after `timeoutMs`): waiting on a fact, never on a fixed sleep. */
export async function eventually(condition, timeoutMs = 5_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(now = Date.parse('2030-01-01T00:00:00Z')) {
    this.time = now;
  }
  now() {
    return this.time;
  }
  advance(ms) {
    this.time += ms;
  }
}
