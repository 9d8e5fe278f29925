/**
 * `@authpipe/react`: React bindings for `@authpipe/connect`: the {@link ConnectButton} component and the
 * {@link useConnect} hook. The types and `completeRedirect` of `@authpipe/connect` are re-exported.
 */
export { ConnectButton, type ConnectButtonOwnProps, type ConnectButtonProps, type ConnectButtonState } from './ConnectButton.js';
export { useConnect, type UseConnectOptions, type UseConnectResult } from './useConnect.js';
export {
  completeRedirect,
  type CompleteRedirectOptions,
  type ConnectedAccount,
  type ConnectEnvironment,
  type ConnectError,
  type ConnectEvent,
  type ConnectEventType,
  type ConnectMode,
  type ConnectOptions,
  type ConnectOutcome,
  type ConnectSession,
  type ConnectState,
  type ConnectSuccess,
  type SessionTokenInput,
} from '@authpipe/connect';
