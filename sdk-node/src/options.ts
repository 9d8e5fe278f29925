import { ApiKey } from './apiKey.js';
import type { Clock } from './internal/clock.js';
import { systemClock } from './internal/clock.js';

/** How to build an {@link Authpipe} client. Only `apiKey` and `baseUrl` are required. */
export interface AuthpipeOptions {
  /** `ap_<tenantId>_<secret>`; the tenant it names is the only one this client can read. */
  readonly apiKey: string | undefined;
  /** The broker's address, e.g. `http://localhost:8080`. */
  readonly baseUrl: string;
  /** A cached token is not served within this long of its expiry. Default 60,000. */
  readonly expiryMarginMs?: number;
  /** While the event stream is down, an entry validated longer ago than this is revalidated. Default 30,000. */
  readonly maxStalenessMs?: number;
  /** Least recently used entries go past this many. Default 10,000. */
  readonly maxEntries?: number;
  /** Deadline of one HTTP request. Default 5,000. */
  readonly timeoutMs?: number;
  /** Seconds (0..10) the broker may wait for a token being refreshed before answering `credential_expired`. Default 0. */
  readonly waitSeconds?: number;
  /** Subscribe to `/v1/events` for push invalidation. Default true; without it freshness is `maxStalenessMs` alone. */
  readonly stream?: boolean;
  /** Where time is read; tests pass their own. */
  readonly clock?: Clock;
}

/** The options, validated once, with their defaults. */
export interface ResolvedOptions {
  readonly apiKey: ApiKey;
  readonly baseUrl: string;
  readonly expiryMarginMs: number;
  readonly maxStalenessMs: number;
  readonly maxEntries: number;
  readonly timeoutMs: number;
  readonly waitSeconds: number;
  readonly stream: boolean;
  readonly clock: Clock;
}

export function resolveOptions(options: AuthpipeOptions): ResolvedOptions {
  return {
    apiKey: ApiKey.parse(options.apiKey),
    baseUrl: baseUrl(options.baseUrl),
    expiryMarginMs: count('expiryMarginMs', options.expiryMarginMs, 60_000, 0),
    maxStalenessMs: count('maxStalenessMs', options.maxStalenessMs, 30_000, 0),
    maxEntries: count('maxEntries', options.maxEntries, 10_000, 1),
    timeoutMs: count('timeoutMs', options.timeoutMs, 5_000, 1),
    waitSeconds: Math.min(10, count('waitSeconds', options.waitSeconds, 0, 0)),
    stream: options.stream ?? true,
    clock: options.clock ?? systemClock,
  };
}

function baseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError('baseUrl must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('baseUrl must be http or https');
  return url.href.replace(/\/+$/, '');
}

function count(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < min) throw new TypeError(`${name} must be a number >= ${min}`);
  return value;
}
