import { createHmac } from 'node:crypto';
import { type Clock, systemClock } from './internal/clock.js';

/** The fields of a ConnectRequest that are signed; absent optional fields are null. */
export interface ConnectRequestFields {
  requestId: string;
  tenantId: string;
  provider: string;
  userId: string;
  instance: string;
  scopes: readonly string[];
  returnTo: string;
  forceLogin: boolean;
  stateChallenge: string | null;
}

/** The fields of a CheckRequest that are signed; `reason` is the enum symbol, e.g. `TOKEN_REFUSED`. */
export interface CheckRequestFields {
  requestId: string | null;
  tenantId: string;
  provider: string;
  userId: string;
  reason: string;
  reportedStatus: number | null;
  requestedAt: number;
}

/** What a signed request carries: set these on the Avro record (`signedAt` in epoch milliseconds). */
export interface RequestSignature {
  keyId: string;
  signedAt: number;
  signature: string;
}

/**
 * Signs the requests a producer writes on Authpipe's request topics with a producer signing key
 * (`POST /v1/producer-keys`): HMAC-SHA256 over the request's canonical netstrings (README, "Producers: signed
 * requests"). The key never appears in `toString()` or JSON.
 */
export class RequestSigner {
  readonly #keyId: string;
  readonly #key: Buffer;
  readonly #clock: Clock;

  constructor(keyId: string, key: string, clock: Clock = systemClock) {
    const bytes = Buffer.from(key, 'base64url');
    if (bytes.length !== 32) throw new TypeError('a producer signing key is 32 bytes, base64url');
    this.#keyId = keyId;
    this.#key = bytes;
    this.#clock = clock;
  }

  connectRequest(f: ConnectRequestFields): RequestSignature {
    const signedAt = this.#clock.now();
    return this.#sign(signedAt, [text('authpipe.connect-request.v1'), text(f.requestId), text(f.tenantId),
      text(f.provider), text(f.userId), text(f.instance), netstring(Buffer.concat(f.scopes.map(text))),
      text(f.returnTo), text(String(f.forceLogin)), text(f.stateChallenge), text(this.#keyId),
      text(String(signedAt))]);
  }

  checkRequest(f: CheckRequestFields): RequestSignature {
    const signedAt = this.#clock.now();
    return this.#sign(signedAt, [text('authpipe.check-request.v1'), text(f.requestId), text(f.tenantId),
      text(f.provider), text(f.userId), text(f.reason),
      text(f.reportedStatus === null ? null : String(f.reportedStatus)), text(String(f.requestedAt)),
      text(this.#keyId), text(String(signedAt))]);
  }

  toString(): string {
    return `RequestSigner[${this.#keyId}, key [redacted]]`;
  }

  toJSON(): { keyId: string } {
    return { keyId: this.#keyId };
  }

  #sign(signedAt: number, parts: Buffer[]): RequestSignature {
    const signature = createHmac('sha256', this.#key).update(Buffer.concat(parts)).digest('base64url');
    return { keyId: this.#keyId, signedAt, signature };
  }
}

function text(value: string | null): Buffer {
  return netstring(Buffer.from(value ?? '', 'utf8'));
}

function netstring(bytes: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${bytes.length}:`, 'ascii'), bytes, Buffer.from(',', 'ascii')]);
}
