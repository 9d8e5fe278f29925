import type { ConnectEnvironment, ConnectTimers, ConnectWindow, FetchLike } from './types.js';

/** The environment with every part filled in. */
export interface ResolvedEnvironment {
  window: ConnectWindow;
  fetch: FetchLike;
  timers: ConnectTimers;
}

/**
 * Fills in what `environment` leaves out with the browser's own window, fetch and timers. Globals are looked up at
 * call time, so that test tools replacing them (fake timers) take effect.
 */
export function resolveEnvironment(environment: ConnectEnvironment = {}): ResolvedEnvironment {
  return {
    window: environment.window ?? browserWindow(),
    fetch: environment.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    timers: environment.timers ?? {
      setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
  };
}

function browserWindow(): ConnectWindow {
  if (typeof window === 'undefined') {
    throw new Error('@authpipe/connect runs in a browser: there is no window here (pass environment.window)');
  }
  return window;
}
