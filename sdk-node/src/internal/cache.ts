import type { CredentialResult } from '../credential.js';

/** A revoked connection as the cache remembers it: enough to throw `ConnectionRevokedError` without I/O. */
export interface Revocation {
  readonly status: string;
  readonly reason: string | null;
}

/**
 * One cached connection: a usable credential (`result`) or a revocation, the version it was read at, and when it
 * was last validated against the broker. Only `tick` changes after creation: a hit writes it for the LRU.
 */
export class CacheEntry {
  tick = 0;
  /** `expiresAt` in epoch ms; Infinity for a token that does not expire or for a revocation. */
  readonly expiresAtMs: number;
  /** `result` as a settled promise, made once, so an awaited hit allocates nothing; null for a revocation. */
  readonly settled: Promise<CredentialResult> | null;

  constructor(
    readonly version: number,
    readonly result: CredentialResult | null,
    readonly revocation: Revocation | null,
    readonly validatedAt: number,
    readonly epoch: number,
  ) {
    this.expiresAtMs = result?.expiresAt ? result.expiresAt.getTime() : Infinity;
    this.settled = result === null ? null : Promise.resolve(result);
  }
}

/** How a lookup classifies an entry; `hit` and `revoked` are answered without I/O. */
export type Verdict = 'hit' | 'revoked' | 'expiring' | 'stale';

export interface CacheLimits {
  readonly maxEntries: number;
  readonly expiryMarginMs: number;
  readonly maxStalenessMs: number;
}

/**
 * The credentials of one tenant, keyed provider → userId in nested maps so a lookup builds no key string.
 * Bounded: past `maxEntries` the entry with the smallest `tick` goes. Eviction scans every entry (O(n), about
 * 50 µs at 10,000), which only a store pays, and a store follows an HTTP round trip; a hit pays one field write.
 *
 * Staleness: an entry is fresh while the event stream is connected, or within `maxStalenessMs` of its validation.
 * `markAllStale()` (the stream could not resume) bumps an epoch so every older entry is revalidated once.
 */
export class CredentialCache {
  readonly #byProvider = new Map<string, Map<string, CacheEntry>>();
  readonly #limits: CacheLimits;
  #size = 0;
  #ticks = 0;
  #epoch = 0;
  evictions = 0;

  constructor(limits: CacheLimits) {
    this.#limits = limits;
  }

  get size(): number {
    return this.#size;
  }

  get epoch(): number {
    return this.#epoch;
  }

  /** The entry, touched for the LRU; undefined when absent. */
  get(provider: string, userId: string): CacheEntry | undefined {
    const entry = this.#byProvider.get(provider)?.get(userId);
    if (entry !== undefined) entry.tick = ++this.#ticks;
    return entry;
  }

  /** The entry without touching it (event handling must not keep an unused entry alive). */
  peek(provider: string, userId: string): CacheEntry | undefined {
    return this.#byProvider.get(provider)?.get(userId);
  }

  verdict(entry: CacheEntry, now: number, streamConnected: boolean): Verdict {
    const fresh = entry.epoch === this.#epoch
      && (streamConnected || now - entry.validatedAt <= this.#limits.maxStalenessMs);
    if (entry.revocation !== null) return fresh ? 'revoked' : 'stale';
    if (now >= entry.expiresAtMs - this.#limits.expiryMarginMs) return 'expiring';
    return fresh ? 'hit' : 'stale';
  }

  /** Stores `entry` unless the cache holds a newer version; answers the entry now cached. */
  put(provider: string, userId: string, entry: CacheEntry): CacheEntry {
    let users = this.#byProvider.get(provider);
    const current = users?.get(userId);
    if (current !== undefined && current.version > entry.version) return current;
    if (users === undefined) this.#byProvider.set(provider, (users = new Map()));
    entry.tick = ++this.#ticks;
    users.set(userId, entry);
    if (current === undefined && ++this.#size > this.#limits.maxEntries) this.#evictLeastRecentlyUsed();
    return entry;
  }

  delete(provider: string, userId: string): boolean {
    const users = this.#byProvider.get(provider);
    if (users === undefined || !users.delete(userId)) return false;
    if (users.size === 0) this.#byProvider.delete(provider);
    this.#size--;
    return true;
  }

  markAllStale(): void {
    this.#epoch++;
  }

  #evictLeastRecentlyUsed(): void {
    let oldest: CacheEntry | undefined;
    let oldestProvider = '';
    let oldestUser = '';
    for (const [provider, users] of this.#byProvider) {
      for (const [userId, entry] of users) {
        if (oldest === undefined || entry.tick < oldest.tick) {
          oldest = entry;
          oldestProvider = provider;
          oldestUser = userId;
        }
      }
    }
    if (this.delete(oldestProvider, oldestUser)) this.evictions++;
  }
}
