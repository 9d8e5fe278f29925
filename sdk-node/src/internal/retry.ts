import { AuthpipeUnavailableError } from '../errors.js';
import type { CredentialOutcome } from './http.js';
import { TransportFailure } from './http.js';

/**
 * Sends a GET again after a network error, a 502 or a 503 other than `credential_expired`: at most `retries`
 * more times, waiting 100 ms then 200 ms (with jitter) between. A GET is safe to repeat; a permanent answer
 * (404, 410, 401, 429, credential_expired) or a timeout is never repeated.
 */
export async function withRetries(
  attempt: () => Promise<CredentialOutcome>,
  retries = 2,
  sleep: (ms: number) => Promise<void> = delay,
): Promise<CredentialOutcome> {
  for (let n = 0; ; n++) {
    const last = n === retries;
    try {
      const outcome = await attempt();
      if (outcome.kind !== 'failed' || !outcome.retryable || last) return outcome;
    } catch (error) {
      if (!(error instanceof TransportFailure) || error.timedOut || last) throw asUnavailable(error);
    }
    await sleep(100 * 2 ** n * (0.5 + Math.random() / 2));
  }
}

function asUnavailable(error: unknown): unknown {
  return error instanceof AuthpipeUnavailableError ? error : new AuthpipeUnavailableError('broker unavailable', null, { cause: error });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
