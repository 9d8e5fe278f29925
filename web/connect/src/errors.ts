import type { ConnectError } from './types.js';

/** An error carrying a {@link ConnectError}: thrown inside the package, reported through `onError`. */
export class ConnectFailure extends Error {
  readonly connectError: ConnectError;

  constructor(code: string, message: string, sessionId?: string) {
    super(message);
    this.name = 'ConnectFailure';
    this.connectError = sessionId === undefined ? { code, message } : { code, message, sessionId };
  }
}

/** The {@link ConnectError} for anything thrown: a {@link ConnectFailure}'s own, else `fallbackCode`. */
export function toConnectError(thrown: unknown, fallbackCode: string): ConnectError {
  if (thrown instanceof ConnectFailure) {
    return thrown.connectError;
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { code: fallbackCode, message };
}
