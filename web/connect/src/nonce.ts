/** 16 random bytes: 128 bits, as the contract asks of the per-open nonce. */
const NONCE_BYTES = 16;

/** A new random nonce (32 hex digits) from `crypto.getRandomValues`. */
export function createNonce(crypto: Pick<Crypto, 'getRandomValues'>): string {
  const bytes = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
