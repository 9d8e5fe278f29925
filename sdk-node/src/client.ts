import type { CredentialResult } from './credential.js';
import { TenantMismatchError } from './errors.js';
import { CredentialCache } from './internal/cache.js';
import { CachedCredentials } from './internal/cachedCredentials.js';
import { EventStream, type StreamState } from './internal/eventStream.js';
import { resolveOptions, type AuthpipeOptions } from './options.js';

/** Which credential: a connection is (provider, userId) within the API key's tenant. */
export interface CredentialRequest {
  readonly provider: string;
  readonly userId: string;
  /** Optional; when given it must be the API key's tenant, or {@link TenantMismatchError} is thrown. */
  readonly tenantId?: string;
}

export interface AuthpipeMetrics {
  /** Answers from memory (a revoked entry's error included). */
  readonly hits: number;
  /** Fetches on a caller's path for an absent entry or one within its expiry margin. */
  readonly misses: number;
  readonly evictions: number;
  /** Fetches on a caller's path for an entry gone stale while the event stream was down. */
  readonly revalidations: number;
  /** Fetches made in the background after a pushed `credential.updated`, never on a caller's path. */
  readonly refreshes: number;
  readonly streamState: StreamState;
  /** From an event's `updatedAt` to the cache holding its change (clocks of broker and client both count). */
  readonly pushLagMs: { readonly last: number; readonly max: number };
  readonly entries: number;
}

/**
 * The Authpipe client: one per API key, built once and shared. `getCredential` answers from an in-memory cache kept
 * current by the broker's event stream (`GET /v1/events`), and fetches over HTTP on a miss. The cache rules are in
 * `docs/sdk-cache.md`. Call `close()` when done: it stops the stream.
 */
export class Authpipe {
  /** The tenant the API key belongs to. */
  readonly tenantId: string;
  readonly #credentials: CachedCredentials;
  readonly #stream: EventStream | null;

  constructor(options: AuthpipeOptions) {
    const resolved = resolveOptions(options);
    this.tenantId = resolved.apiKey.tenantId;
    const stream = resolved.stream ? new EventStream({ ...resolved, minBackoffMs: 500, maxBackoffMs: 30_000 }, {
      ready: (resumed) => {
        if (!resumed) this.#credentials.cache.markAllStale();
      },
      cannotResume: () => this.#credentials.cache.markAllStale(),
      change: (change) => this.#credentials.apply(change),
    }) : null;
    this.#stream = stream;
    this.#credentials = new CachedCredentials(new CredentialCache(resolved), resolved, () => stream?.state === 'connected');
    stream?.start();
  }

  /**
   * The connection's credential: from memory when cached and fresh, else over HTTP (one request per key however
   * many callers wait). Rejects with a subclass of `AuthpipeError`: `ConnectionRevokedError` (from memory when the
   * revocation is cached), `ConnectionNotFoundError`, `CredentialExpiredError`, `RateLimitedError`,
   * `UnauthorizedError`, `AuthpipeUnavailableError`, `TenantMismatchError`.
   */
  getCredential(request: CredentialRequest): Promise<CredentialResult> {
    try {
      this.#checkTenant(request);
      return this.#credentials.lookupSettled(request.provider, request.userId)
        ?? this.#credentials.load(request.provider, request.userId);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The credential if a fresh one is cached, else undefined (nothing is fetched, no miss counted). Synchronous. */
  peekCredential(request: CredentialRequest): CredentialResult | undefined {
    this.#checkTenant(request);
    return this.#credentials.lookup(request.provider, request.userId, false);
  }

  metrics(): AuthpipeMetrics {
    const { counters, cache } = this.#credentials;
    return {
      hits: counters.hits,
      misses: counters.misses,
      evictions: cache.evictions,
      revalidations: counters.revalidations,
      refreshes: counters.refreshes,
      streamState: this.#stream?.state ?? 'closed',
      pushLagMs: { last: counters.lastPushLagMs, max: counters.maxPushLagMs },
      entries: cache.size,
    };
  }

  /** Stops the event stream. Cached entries stay, served while within `maxStalenessMs`. */
  close(): void {
    this.#stream?.close();
  }

  #checkTenant(request: CredentialRequest): void {
    if (request.tenantId !== undefined && request.tenantId !== this.tenantId) {
      throw new TenantMismatchError(request.tenantId, this.tenantId);
    }
  }
}
