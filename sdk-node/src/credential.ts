import { inspect } from 'node:util';
import type { Account, CredentialBody, HealthState, RefreshState } from './wire.js';

/**
 * What {@link Authpipe.getCredential} answers: the access token and what is known about it. Immutable and shared:
 * a cache hit returns the very object stored. `credential` is the secret; `toString`, `toJSON` and `util.inspect`
 * print it as `[redacted]` (read the property itself to use it).
 */
export class CredentialResult {
  readonly credential: string;
  readonly tokenType: string;
  /** When the token stops working, or null for a token that does not expire. */
  readonly expiresAt: Date | null;
  readonly scopes: readonly string[];
  readonly status: string;
  /** The connection's version: grows with every change (refresh, revocation). */
  readonly version: number;
  readonly account: Account;
  readonly instance: string;
  readonly refresh: RefreshState | null;
  readonly health: HealthState | null;

  constructor(body: CredentialBody) {
    this.credential = body.credential;
    this.tokenType = body.tokenType;
    this.expiresAt = body.expiresAt == null ? null : new Date(body.expiresAt);
    this.scopes = Object.freeze([...body.scopes]);
    this.status = body.status;
    this.version = body.version;
    this.account = Object.freeze({ ...body.account });
    this.instance = body.instance;
    this.refresh = body.refresh ?? null;
    this.health = body.health ?? null;
    Object.freeze(this);
  }

  toString(): string {
    return `CredentialResult(credential=[redacted], status=${this.status}, version=${this.version})`;
  }

  toJSON(): object {
    return { ...this.#publicFields(), credential: '[redacted]' };
  }

  [inspect.custom](depth: number, options: object): string {
    return `CredentialResult ${inspect({ credential: '[redacted]', ...this.#publicFields() }, options)}`;
  }

  #publicFields(): object {
    const { credential: _secret, ...rest } = this;
    return rest;
  }
}
