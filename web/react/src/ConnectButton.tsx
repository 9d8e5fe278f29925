import type { ButtonHTMLAttributes, MouseEvent, ReactNode } from 'react';
import type { ConnectState } from '@authpipe/connect';
import { useConnect, type UseConnectOptions } from './useConnect.js';

/** What a {@link ConnectButton} render function gets. */
export interface ConnectButtonState extends ConnectState {
  /** The `provider` prop. */
  provider: string;
}

/** The button's own props, besides the connect options. */
export interface ConnectButtonOwnProps {
  /** The provider to connect, for the label (the session decides the real one). Default `mastodon`. */
  provider?: string;
  /** The button's content, or a function of the state that renders it. Default: "Connect Mastodon" and variants. */
  children?: ReactNode | ((state: ConnectButtonState) => ReactNode);
}

/** Button attributes that stay the button's own (`onError` and `children` mean something else here). */
type ButtonAttributes = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children' | 'onError'>;

/** Props of {@link ConnectButton}: the connect options, the button's own, and any other `<button>` attribute. */
export type ConnectButtonProps = UseConnectOptions & ConnectButtonOwnProps & ButtonAttributes;

/**
 * A `<button>` that connects the user's account through Authpipe. Disabled until a session token is ready (so the
 * click can open the popup synchronously), `aria-busy` while a token is fetched or a connection runs, and
 * `data-state` = `idle` | `loading` | `connecting` | `ready` | `error`. After an error it stays clickable to try
 * again. Other props (`className`, `id`, `style`, `aria-*`, `onClick`, …) go to the `<button>`; an `onClick` that
 * calls `event.preventDefault()` stops the connection from starting.
 */
export function ConnectButton(props: ConnectButtonProps): ReactNode {
  const {
    sessionToken, getSessionToken, connectUrl, authpipeUrl, mode, instance, pollIntervalMs, environment,
    onSuccess, onError, onClose, onEvent,
    provider = 'mastodon', children, disabled, onClick, type = 'button',
    ...buttonProps
  } = props;
  const connect = useConnect({
    sessionToken, getSessionToken, connectUrl, authpipeUrl, mode, instance, pollIntervalMs, environment,
    onSuccess, onError, onClose, onEvent,
  });
  const state: ConnectButtonState = {
    ready: connect.ready, loading: connect.loading, connecting: connect.connecting, error: connect.error, provider,
  };
  const canTryAgain = state.error !== null && !state.loading;

  const handleClick = (event: MouseEvent<HTMLButtonElement>): void => {
    onClick?.(event);
    if (!event.defaultPrevented) {
      connect.open();
    }
  };

  return (
    <button
      {...buttonProps}
      type={type}
      disabled={disabled === true || !(state.ready || canTryAgain)}
      aria-busy={state.loading}
      data-state={dataState(state)}
      onClick={handleClick}
    >
      {typeof children === 'function' ? children(state) : children ?? defaultLabel(state)}
    </button>
  );
}

function dataState(state: ConnectState): string {
  if (state.connecting) {
    return 'connecting';
  }
  if (state.loading) {
    return 'loading';
  }
  if (state.error !== null) {
    return 'error';
  }
  return state.ready ? 'ready' : 'idle';
}

function defaultLabel(state: ConnectButtonState): string {
  const name = state.provider.charAt(0).toUpperCase() + state.provider.slice(1);
  if (state.connecting) {
    return `Connecting to ${name}…`;
  }
  if (state.error !== null && !state.loading) {
    return `Try again: connect ${name}`;
  }
  return `Connect ${name}`;
}
