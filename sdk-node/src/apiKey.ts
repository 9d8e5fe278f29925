import { inspect } from 'node:util';

/**
 * An Authpipe API key: `ap_<tenantId>_<secret>`, the secret being 43 base64url characters (32 random bytes).
 * The tenant is public; the whole key is a secret, so `toString`, `toJSON` and `util.inspect` print `[redacted]`.
 * A tenant id may itself contain `_` (`org_acme`): the secret is read from the end.
 */
export class ApiKey {
  readonly tenantId: string;
  readonly #value: string;

  private constructor(value: string, tenantId: string) {
    this.#value = value;
    this.tenantId = tenantId;
  }

  /** Throws a `TypeError` that never echoes the key when it is not shaped like an API key. */
  static parse(value: unknown): ApiKey {
    if (typeof value !== 'string' || !SHAPE.test(value)) {
      throw new TypeError('apiKey must look like ap_<tenantId>_<43 base64url characters>');
    }
    return new ApiKey(value, value.slice(PREFIX.length, -(SECRET_LENGTH + 1)));
  }

  /** The `Authorization` header value. */
  bearer(): string {
    return `Bearer ${this.#value}`;
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return `ApiKey { tenantId: '${this.tenantId}', key: [redacted] }`;
  }
}

const PREFIX = 'ap_';
const SECRET_LENGTH = 43;
const SHAPE = /^ap_[A-Za-z0-9_.-]+_[A-Za-z0-9_-]{43}$/;
