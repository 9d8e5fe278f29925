import { useCallback, useEffect, useRef, useState } from 'react';
import { createConnect, type ConnectController, type ConnectOptions, type ConnectState } from '@authpipe/connect';

/** Options of {@link useConnect}: those of `createConnect`. Callbacks may change on every render. */
export type UseConnectOptions = ConnectOptions;

/** What {@link useConnect} returns: the controller's state, and `open`. */
export interface UseConnectResult extends ConnectState {
  /**
   * Starts a connection. Call it straight from a click handler: it opens the popup synchronously. Does nothing
   * before the component mounted.
   */
  open: () => void;
}

/**
 * Runs Authpipe's connect flow from a React component: creates a `@authpipe/connect` controller on mount (which,
 * with `getSessionToken`, fetches a session token at once so the click can open the popup without waiting),
 * destroys it on unmount, and re-renders with its state.
 *
 * The controller is created anew when `sessionToken`, `connectUrl`, `authpipeUrl`, `mode`, `instance`,
 * `pollIntervalMs`, `environment` or the presence of `getSessionToken` change. The callbacks and `getSessionToken`
 * itself are read at call time, so inline functions are fine.
 */
export function useConnect(options: UseConnectOptions): UseConnectResult {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  const controller = useRef<ConnectController | null>(null);
  const [state, setState] = useState<ConnectState>(() => ({
    ready: false,
    loading: options.sessionToken === undefined && options.getSessionToken !== undefined,
    connecting: false,
    error: null,
  }));

  const { sessionToken, connectUrl, authpipeUrl, mode, instance, pollIntervalMs, environment } = options;
  const hasGetSessionToken = options.getSessionToken !== undefined;
  const sessionKey = typeof sessionToken === 'object' ? sessionToken.token + ' ' + sessionToken.connectUrl : sessionToken;

  useEffect(() => {
    const connect = createConnect({
      sessionToken,
      getSessionToken: hasGetSessionToken ? () => latest.current.getSessionToken!() : undefined,
      connectUrl,
      authpipeUrl,
      mode,
      instance,
      pollIntervalMs,
      environment,
      onSuccess: (result) => latest.current.onSuccess?.(result),
      onError: (error) => latest.current.onError?.(error),
      onClose: () => latest.current.onClose?.(),
      onEvent: (event) => latest.current.onEvent?.(event),
    });
    controller.current = connect;
    setState(connect.state);
    const unsubscribe = connect.subscribe(setState);
    return () => {
      unsubscribe();
      connect.destroy();
      if (controller.current === connect) {
        controller.current = null;
      }
    };
  }, [sessionKey, hasGetSessionToken, connectUrl, authpipeUrl, mode, instance, pollIntervalMs, environment]);

  const open = useCallback(() => controller.current?.open(), []);
  return { ...state, open };
}
