import type { ApiKey } from '../apiKey.js';
import type { ConnectionChange } from '../wire.js';
import { SseParser, type SseEvent } from './sse.js';

export type StreamState = 'connecting' | 'connected' | 'disconnected' | 'closed';

/** What the stream reports to the cache. Called on the event loop, one at a time, in the server's order. */
export interface StreamHandlers {
  /** The `ready` frame: `resumed` false means events since `Last-Event-ID` (or ever) may be missing. */
  ready(resumed: boolean): void;
  change(change: ConnectionChange): void;
  /** The broker refused our `Last-Event-ID` (400 `invalid_last_event_id`): events may be missing. */
  cannotResume(): void;
}

export interface StreamConfig {
  readonly baseUrl: string;
  readonly apiKey: ApiKey;
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
}

/**
 * `GET /v1/events` (Server-Sent Events) kept open: reconnects after any end or failure with exponential backoff
 * and jitter (0.5 s doubling to 30 s, reset by a `ready` frame), sending the last event id seen as
 * `Last-Event-ID`. A connection without headers after 10 s, or silent for two heartbeats plus 5 s, is dropped as dead. Every timer is unref'd
 * and `close()` aborts the request, so a closed stream never keeps the process alive.
 *
 * Frames: `ready` (data `{tenantId, resumed, heartbeatSeconds}`), then `credential.updated`,
 * `connection.revoked`, `connection.deleted` (data a ConnectionChange, never a token); `: heartbeat` comments.
 */
export class EventStream {
  state: StreamState = 'connecting';
  lastEventId: string | null = null;
  /** The last failure, for diagnostics: a message without secrets. */
  lastError: string | null = null;
  readonly #config: StreamConfig;
  readonly #handlers: StreamHandlers;
  #abort: AbortController | null = null;
  #wake: (() => void) | null = null;
  #heartbeatMs = 15_000;
  #serverRetryMs = 0;
  #lastByteAt = 0;
  #failures = 0;

  constructor(config: StreamConfig, handlers: StreamHandlers) {
    this.#config = config;
    this.#handlers = handlers;
  }

  start(): void {
    void this.#run();
  }

  close(): void {
    this.state = 'closed';
    this.#abort?.abort();
    this.#wake?.();
  }

  /** Drops the current connection (it reconnects); for tests and for callers that know the network changed. */
  reconnect(): void {
    this.#abort?.abort();
  }

  async #run(): Promise<void> {
    while (!this.#closed()) {
      this.state = 'connecting';
      const immediate = await this.#connectOnce().catch((error: unknown) => this.#failed(error));
      if (this.#closed()) return;
      this.state = 'disconnected';
      if (!immediate) await this.#sleep(this.#backoffMs(this.#failures++));
    }
  }

  /** One connection, until it ends; answers true to reconnect at once. */
  async #connectOnce(): Promise<boolean> {
    const abort = (this.#abort = new AbortController());
    const deadline = setTimeout(() => abort.abort(), CONNECT_TIMEOUT_MS);
    deadline.unref();
    const response = await fetch(`${this.#config.baseUrl}/v1/events`, { headers: this.#headers(), signal: abort.signal })
      .finally(() => clearTimeout(deadline));
    if (response.status === 400 && (await errorCode(response)) === 'invalid_last_event_id') {
      this.lastEventId = null;
      this.#handlers.cannotResume();
      return true;
    }
    if (!response.ok || response.body === null) {
      await response.body?.cancel();
      throw new Error(`events answered ${response.status}`);
    }
    await this.#read(response.body, abort);
    return false;
  }

  #headers(): Record<string, string> {
    const headers: Record<string, string> = { authorization: this.#config.apiKey.bearer(), accept: 'text/event-stream' };
    if (this.lastEventId !== null) headers['last-event-id'] = this.lastEventId;
    return headers;
  }

  async #read(body: ReadableStream<Uint8Array>, abort: AbortController): Promise<void> {
    const parser = new SseParser({ event: (event) => this.#onEvent(event), retry: (ms) => (this.#serverRetryMs = ms) });
    this.#lastByteAt = Date.now();
    const watchdog = setInterval(() => this.#dropIfSilent(abort), 1_000);
    watchdog.unref();
    try {
      for await (const chunk of body) {
        this.#lastByteAt = Date.now();
        parser.push(chunk);
      }
    } finally {
      clearInterval(watchdog);
    }
  }

  #dropIfSilent(abort: AbortController): void {
    if (Date.now() - this.#lastByteAt > 2 * this.#heartbeatMs + 5_000) abort.abort();
  }

  #onEvent(event: SseEvent): void {
    if (event.type === 'ready') this.#onReady(JSON.parse(event.data) as ReadyData);
    else if (CHANGE_TYPES.has(event.type)) this.#handlers.change(JSON.parse(event.data) as ConnectionChange);
    this.lastEventId = event.id;
  }

  #onReady(ready: ReadyData): void {
    if (ready.heartbeatSeconds > 0) this.#heartbeatMs = ready.heartbeatSeconds * 1000;
    this.state = 'connected';
    this.#failures = 0;
    this.lastError = null;
    this.#handlers.ready(ready.resumed);
  }

  #closed(): boolean {
    return this.state === 'closed';
  }

  #failed(error: unknown): boolean {
    if (!this.#closed()) this.lastError = error instanceof Error ? error.message : String(error);
    return false;
  }

  #backoffMs(failures: number): number {
    const ceiling = Math.min(this.#config.maxBackoffMs, this.#config.minBackoffMs * 2 ** failures);
    return Math.max(this.#serverRetryMs, ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      const self = this;
      function done(): void {
        clearTimeout(timer);
        self.#wake = null;
        resolve();
      }
      this.#wake = done;
    });
  }
}

interface ReadyData {
  readonly tenantId: string;
  readonly resumed: boolean;
  readonly heartbeatSeconds: number;
}

/** A broker that accepts the connection but sends no headers within this long is given up on. */
const CONNECT_TIMEOUT_MS = 10_000;

const CHANGE_TYPES = new Set(['credential.updated', 'connection.revoked', 'connection.deleted']);

async function errorCode(response: Response): Promise<string | null> {
  try {
    return ((await response.json()) as { error?: string }).error ?? null;
  } catch {
    return null;
  }
}
