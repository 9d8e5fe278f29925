/**
 * Fakes of the browser parts `@authpipe/connect` touches (window.open, postMessage, BroadcastChannel, fetch,
 * sessionStorage), for the unit and component tests. Timers are vitest's fake timers.
 */
import { vi } from 'vitest';
import type {
  BroadcastChannelLike,
  ConnectEnvironment,
  ConnectWindow,
  FetchLike,
  FetchResponseLike,
} from '@authpipe/connect';

export const APP_ORIGIN = 'https://app.example';
export const AUTHPIPE_ORIGIN = 'https://authpipe.example';
export const SESSION_ID = 'cs_abc123';
export const SESSION_TOKEN = SESSION_ID + '.s3cr3t';
export const CONNECT_URL = AUTHPIPE_ORIGIN + '/connect#token=' + SESSION_TOKEN;

/** The `POST /v1/connect-sessions` answer the fakes hand out. */
export function session(id = SESSION_ID): { token: string; connectUrl: string; expiresAt: string } {
  const token = id + '.s3cr3t';
  return { token, connectUrl: AUTHPIPE_ORIGIN + '/connect#token=' + token, expiresAt: '2030-01-01T00:00:00Z' };
}

/** The connection the fakes report. */
export const CONNECTION = {
  provider: 'mastodon',
  userId: 'user_123',
  connectionId: 'mastodon:user_123',
  account: { acct: 'alice@sandbox.example', displayName: 'Alice' },
};

/** A popup window whose navigations are recorded. */
export class FakePopup {
  closed = false;
  url = 'about:blank';
  readonly location = { replace: (url: string) => { this.url = url; } };
  readonly close = vi.fn(() => { this.closed = true; });
  readonly focus = vi.fn();

  /** The fragment parameters the connect page was opened with. */
  get fragment(): URLSearchParams {
    return new URLSearchParams(this.url.slice(this.url.indexOf('#') + 1));
  }

  get nonce(): string {
    return this.fragment.get('nonce') ?? '';
  }
}

/** The BroadcastChannels open in one fake window, so tests can post on them. */
export class FakeBroadcastHub {
  readonly open = new Set<FakeBroadcastChannel>();

  /** Delivers `data` to every open channel called `name`. */
  post(name: string, data: unknown): void {
    for (const channel of [...this.open]) {
      if (channel.name === name) {
        channel.onmessage?.({ data } as MessageEvent);
      }
    }
  }
}

/** A BroadcastChannel that registers itself with a hub while open. */
export class FakeBroadcastChannel implements BroadcastChannelLike {
  onmessage: ((event: MessageEvent) => void) | null = null;

  constructor(readonly name: string, private readonly hub: FakeBroadcastHub) {
    hub.open.add(this);
  }

  close(): void {
    this.hub.open.delete(this);
  }
}

/** A `BroadcastChannel` constructor whose channels register with `hub`. */
function broadcastChannelOf(hub: FakeBroadcastHub): new (name: string) => BroadcastChannelLike {
  return class extends FakeBroadcastChannel {
    constructor(name: string) {
      super(name, hub);
    }
  };
}

/** A window: `open` answers `popup` (or null: blocked), message listeners are recorded. */
export class FakeWindow implements ConnectWindow {
  readonly listeners = new Set<(event: MessageEvent) => void>();
  readonly storage = new Map<string, string>();
  readonly broadcast = new FakeBroadcastHub();
  readonly BroadcastChannel = broadcastChannelOf(this.broadcast);
  readonly crypto = globalThis.crypto;
  readonly location = {
    origin: APP_ORIGIN,
    href: APP_ORIGIN + '/settings',
    assign: vi.fn((url: string) => { this.location.href = url; }),
  };
  readonly sessionStorage = {
    getItem: (key: string) => this.storage.get(key) ?? null,
    setItem: (key: string, value: string) => { this.storage.set(key, value); },
    removeItem: (key: string) => { this.storage.delete(key); },
  };
  popup: FakePopup | null = new FakePopup();
  readonly open = vi.fn((_url: string, _target: string, _features: string) => this.popup);

  addEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.listeners.add(listener);
  }

  removeEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.listeners.delete(listener);
  }

  /** Dispatches a `message` event. */
  postMessage(data: unknown, origin: string, source: unknown): void {
    for (const listener of [...this.listeners]) {
      listener({ data, origin, source } as MessageEvent);
    }
  }
}

/** The finish page's message. */
export function finishMessage(nonce: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'authpipe:connect', nonce, sessionId: SESSION_ID, status: 'connected', result: CONNECTION, ...overrides };
}

/** A fake Authpipe status API: `GET /v1/connect-sessions/{id}` answers `state` (or `reply` when set). */
export class FakeAuthpipe {
  state: Record<string, unknown> = { id: SESSION_ID, status: 'pending', connection: null, error: null };
  /** When set, the next answers come from here instead. */
  reply: (() => FetchResponseLike | Promise<FetchResponseLike>) | null = null;
  readonly requests: { url: string; headers: Record<string, string> }[] = [];

  readonly fetch: FetchLike = vi.fn(async (url, init) => {
    this.requests.push({ url, headers: init.headers });
    if (this.reply !== null) {
      return this.reply();
    }
    return jsonResponse(200, this.state);
  });

  connected(): void {
    this.state = { id: SESSION_ID, status: 'connected', error: null, connection: { ...CONNECTION, accessToken: 'leak?' } };
  }
}

/** A response with a JSON body. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): FetchResponseLike {
  return {
    status,
    headers: { get: (name: string) => headers[name] ?? null },
    json: async () => body,
  };
}

/** A fake window and status API, as a {@link ConnectEnvironment}. */
export function fakeEnvironment(): { window: FakeWindow; authpipe: FakeAuthpipe; environment: ConnectEnvironment } {
  const window = new FakeWindow();
  const authpipe = new FakeAuthpipe();
  return { window, authpipe, environment: { window, fetch: authpipe.fetch } };
}

/** A promise with its resolve and reject. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (reason: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}
