/**
 * `@authpipe/connect`: opens Authpipe's connect flow from a web page and reports its result. Framework-free, no
 * dependencies. See the README for the flow, the result channels and the browser caveats (COOP, BroadcastChannel).
 */
export { createConnect, POPUP_NAME } from './connect.js';
export { completeRedirect, PENDING_REDIRECT_KEY, type CompleteRedirectOptions } from './redirect.js';
export { BROADCAST_CHANNEL_NAME } from './popup-attempt.js';
export { MESSAGE_TYPE } from './outcomes.js';
export type {
  BroadcastChannelLike,
  ConnectController,
  ConnectedAccount,
  ConnectEnvironment,
  ConnectError,
  ConnectEvent,
  ConnectEventType,
  ConnectMode,
  ConnectOptions,
  ConnectOutcome,
  ConnectSession,
  ConnectState,
  ConnectSuccess,
  ConnectTimers,
  ConnectWindow,
  FetchLike,
  FetchResponseLike,
  PopupWindow,
  SessionTokenInput,
} from './types.js';
