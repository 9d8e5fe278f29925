import type { CredentialResult } from '../credential.js';
import { ConnectionNotFoundError, ConnectionRevokedError } from '../errors.js';
import type { ConnectionChange } from '../wire.js';
import { CacheEntry, CredentialCache } from './cache.js';
import type { Clock } from './clock.js';
import { fetchCredential, type HttpConfig } from './http.js';
import { withRetries } from './retry.js';

/** Counters read by `Authpipe.metrics()`. */
export class Counters {
  hits = 0;
  misses = 0;
  revalidations = 0;
  refreshes = 0;
  lastPushLagMs = 0;
  maxPushLagMs = 0;
}

interface Flight {
  readonly promise: Promise<CredentialResult>;
  /** The newest event that arrived while this fetch was out: applied again once it has stored its answer. */
  pending: ConnectionChange | null;
}

/**
 * The cache rules (docs/sdk-cache.md) over one tenant's credentials: hits answered from memory, misses fetched
 * once per key however many callers wait (single flight), and the event stream's changes applied in version order.
 */
export class CachedCredentials {
  readonly counters = new Counters();
  readonly cache: CredentialCache;
  readonly #http: HttpConfig;
  readonly #clock: Clock;
  readonly #streamConnected: () => boolean;
  readonly #flights = new Map<string, Flight>();

  constructor(cache: CredentialCache, http: HttpConfig, streamConnected: () => boolean) {
    this.cache = cache;
    this.#http = http;
    this.#clock = http.clock;
    this.#streamConnected = streamConnected;
  }

  /** A hit's result, a revoked entry's error thrown, or undefined for a miss (counted when `countMiss`). */
  lookup(provider: string, userId: string, countMiss: boolean): CredentialResult | undefined {
    return this.#hit(provider, userId, countMiss)?.result ?? undefined;
  }

  /** As `lookup` (misses counted), a hit answered as the entry's settled promise: nothing allocated. */
  lookupSettled(provider: string, userId: string): Promise<CredentialResult> | undefined {
    return this.#hit(provider, userId, true)?.settled ?? undefined;
  }

  #hit(provider: string, userId: string, countMiss: boolean): CacheEntry | undefined {
    const entry = this.cache.get(provider, userId);
    if (entry === undefined) {
      if (countMiss) this.counters.misses++;
      return undefined;
    }
    const verdict = this.cache.verdict(entry, this.#clock.now(), this.#streamConnected());
    if (verdict === 'hit') {
      this.counters.hits++;
      return entry;
    }
    if (verdict === 'revoked') {
      this.counters.hits++;
      throw revokedError(entry);
    }
    if (countMiss && verdict === 'stale') this.counters.revalidations++;
    else if (countMiss) this.counters.misses++;
    return undefined;
  }

  /** Fetches over HTTP, sharing the request with every other caller of the same key. */
  load(provider: string, userId: string, background = false): Promise<CredentialResult> {
    const key = flightKey(provider, userId);
    const existing = this.#flights.get(key);
    if (existing !== undefined) return existing.promise;
    if (background) this.counters.refreshes++;
    const flight: Flight = { promise: this.#fetchAndStore(provider, userId), pending: null };
    this.#flights.set(key, flight);
    flight.promise.then(() => this.#landed(key, flight), () => this.#landed(key, flight));
    return flight.promise;
  }

  #landed(key: string, flight: Flight): void {
    this.#flights.delete(key);
    if (flight.pending !== null) this.apply(flight.pending);
  }

  async #fetchAndStore(provider: string, userId: string): Promise<CredentialResult> {
    const validatedAt = this.#clock.now();
    const epoch = this.cache.epoch;
    const outcome = await withRetries(() => fetchCredential(this.#http, provider, userId));
    if (outcome.kind === 'failed') {
      if (outcome.error instanceof ConnectionNotFoundError) this.cache.delete(provider, userId);
      throw outcome.error;
    }
    const entry = outcome.kind === 'credential'
      ? new CacheEntry(outcome.result.version, outcome.result, null, validatedAt, epoch)
      : new CacheEntry(outcome.version, null, { status: outcome.status, reason: outcome.reason }, validatedAt, epoch);
    return answer(this.cache.put(provider, userId, entry));
  }

  /** Applies one event: never lets an older version replace a newer entry; ignores keys not cached. */
  apply(change: ConnectionChange): void {
    const flight = this.#flights.get(flightKey(change.provider, change.userId));
    if (flight !== undefined && (flight.pending === null || flight.pending.version < change.version)) {
      flight.pending = change;
    }
    const entry = this.cache.peek(change.provider, change.userId);
    if (entry === undefined) return;
    if (change.type === 'connection.deleted') {
      this.cache.delete(change.provider, change.userId);
      return this.#recordLag(change);
    }
    if (change.version <= entry.version) return;
    if (change.type === 'connection.revoked') return this.#revoke(change);
    this.#refreshInBackground(change);
  }

  #revoke(change: ConnectionChange): void {
    const revocation = { status: change.status, reason: change.reason ?? null };
    const entry = new CacheEntry(change.version, null, revocation, this.#clock.now(), this.cache.epoch);
    this.cache.put(change.provider, change.userId, entry);
    this.#recordLag(change);
  }

  /** The old entry keeps serving (while outside its margin) until the new one lands. */
  #refreshInBackground(change: ConnectionChange): void {
    this.load(change.provider, change.userId, true).then(
      () => this.#recordLag(change),
      (error: unknown) => {
        if (!(error instanceof ConnectionRevokedError)) this.#markStale(change.provider, change.userId);
      },
    );
  }

  /** A failed background refresh leaves the entry for the next caller to revalidate (and see the error). */
  #markStale(provider: string, userId: string): void {
    const entry = this.cache.peek(provider, userId);
    if (entry === undefined) return;
    this.cache.put(provider, userId, new CacheEntry(entry.version, entry.result, entry.revocation, entry.validatedAt, -1));
  }

  #recordLag(change: ConnectionChange): void {
    const updatedAt = change.updatedAt == null ? NaN : Date.parse(change.updatedAt);
    if (Number.isNaN(updatedAt)) return;
    const lag = Math.max(0, this.#clock.now() - updatedAt);
    this.counters.lastPushLagMs = lag;
    if (lag > this.counters.maxPushLagMs) this.counters.maxPushLagMs = lag;
  }
}

function answer(entry: CacheEntry): CredentialResult {
  if (entry.result === null) throw revokedError(entry);
  return entry.result;
}

function revokedError(entry: CacheEntry): ConnectionRevokedError {
  return new ConnectionRevokedError(entry.revocation!.status, entry.revocation!.reason, entry.version);
}

/** Unambiguous for any two strings (the length prefixes the provider); built on the miss path only. */
function flightKey(provider: string, userId: string): string {
  return `${provider.length}:${provider}/${userId}`;
}
