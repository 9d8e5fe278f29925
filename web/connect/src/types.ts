/**
 * The public types of `@authpipe/connect`. The wire formats they mirror are described in
 * `docs/connect-sessions.md` (the contract between Authpipe's API, its connect page and this package).
 */

/** What `POST /v1/connect-sessions` answers (the fields this package uses); pass it through as it came. */
export interface ConnectSession {
  /** The session token `<id>.<secret>`. Not an access token: it only lets its holder run one connect flow. */
  token: string;
  /** Authpipe's connect page for this session: `https://authpipe…/connect#token=<token>`. */
  connectUrl: string;
  /** When the session stops being usable (ISO 8601); informational. */
  expiresAt?: string;
}

/**
 * A session token as the tenant's backend handed it over: the whole `POST /v1/connect-sessions` answer, or the bare
 * token string (then `connectUrl` or `authpipeUrl` must be given in {@link ConnectOptions}).
 */
export type SessionTokenInput = string | ConnectSession;

/**
 * How the connect page is shown. `popup` keeps the tenant's page open and reports the result to it; `redirect`
 * navigates the tab itself to Authpipe and comes back to the session's `returnTo` (see {@link completeRedirect}).
 */
export type ConnectMode = 'popup' | 'redirect';

/** The provider account that was connected. */
export interface ConnectedAccount {
  /** The account's address, e.g. `alice@mastodon.social`. */
  acct: string;
  /** The account's display name. */
  displayName: string;
}

/** What a successful connection reports. Never carries a token of any kind. */
export interface ConnectSuccess {
  /** The provider, e.g. `mastodon`. */
  provider: string;
  /** The tenant's user the connection belongs to (the `userId` the session was minted for). */
  userId: string;
  /** Authpipe's id of the connection, e.g. `mastodon:user_123`. */
  connectionId: string;
  /** The provider account. */
  account: ConnectedAccount;
}

/**
 * Why a connection did not happen. `code` is one of the server's error codes (`access_denied`, `expired`,
 * `token_exchange_failed`, …) or one of this package's own: `session_unavailable` (no session token could be had),
 * `invalid_session` (the token or connect URL is malformed), `unknown_session` (Authpipe does not know the session
 * or the token is wrong), `missing_redirect_state`, `session_mismatch` and `status_unavailable` (from
 * {@link completeRedirect}).
 */
export interface ConnectError {
  /** A stable, machine-readable code. */
  code: string;
  /** A human-readable explanation (English). */
  message: string;
  /** The session concerned, when known. */
  sessionId?: string;
}

/** How one connection attempt ended. */
export type ConnectOutcome =
  | { status: 'connected'; connection: ConnectSuccess }
  | { status: 'error'; error: ConnectError };

/** The lifecycle events reported to {@link ConnectOptions.onEvent}. */
export type ConnectEventType = 'open' | 'popup_blocked' | 'redirect' | 'success' | 'error' | 'close';

/** One lifecycle event. */
export interface ConnectEvent {
  /** What happened. */
  type: ConnectEventType;
  /** The mode the attempt runs in (`redirect` from `popup_blocked` on, when the popup was blocked). */
  mode: ConnectMode;
  /** The session, once its token is known. */
  sessionId?: string;
  /** For `error` events: the error. */
  error?: ConnectError;
}

/** A popup window, as far as this package touches it (a real `Window` fits). */
export interface PopupWindow {
  /** True once the popup is closed, or once the browser cut the link to it (COOP): see the README. */
  readonly closed: boolean;
  /** Used to navigate the blank popup to the connect page. */
  readonly location: { replace(url: string): void };
  close(): void;
  focus(): void;
}

/** A `BroadcastChannel`, as far as this package uses it. */
export interface BroadcastChannelLike {
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

/** The browser window, as far as this package uses it (the real `window` fits); replace it in tests. */
export interface ConnectWindow {
  open(url: string, target: string, features: string): PopupWindow | null;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  readonly location: { readonly origin: string; readonly href: string; assign(url: string): void };
  readonly sessionStorage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  readonly crypto: Pick<Crypto, 'getRandomValues'>;
  readonly BroadcastChannel?: new (name: string) => BroadcastChannelLike;
  readonly screenX?: number;
  readonly screenY?: number;
  readonly outerWidth?: number;
  readonly outerHeight?: number;
}

/** The response of a `fetch`, as far as this package reads it. */
export interface FetchResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}

/** A `fetch`, as far as this package calls it (the real `fetch` fits). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; credentials: 'omit' },
) => Promise<FetchResponseLike>;

/** Timers, as far as this package uses them (the real ones fit). */
export interface ConnectTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the package talks to. Everything defaults to the browser's own; tests replace them. */
export interface ConnectEnvironment {
  window?: ConnectWindow;
  fetch?: FetchLike;
  timers?: ConnectTimers;
}

/** Options of {@link createConnect}. */
export interface ConnectOptions {
  /**
   * The session token, if the page already has it: the `POST /v1/connect-sessions` answer, or the bare token
   * (then give `connectUrl` or `authpipeUrl` too). A token is used up by a completed connection.
   */
  sessionToken?: SessionTokenInput;
  /**
   * Asks the tenant's backend for a new session token. Called at once (so that `open()` can open the popup
   * without waiting) and again after each finished connection, since a token is single-use.
   */
  getSessionToken?: () => Promise<SessionTokenInput>;
  /** The connect page URL, for a bare string token (`POST /v1/connect-sessions` answers it as `connectUrl`). */
  connectUrl?: string;
  /**
   * Authpipe's base URL, e.g. `https://authpipe.example`. Used for the status API and, for a bare string token
   * without `connectUrl`, to build the connect page URL. Defaults to the folder of the connect page URL.
   */
  authpipeUrl?: string;
  /** `popup` (default) or `redirect`. A blocked popup falls back to `redirect`. */
  mode?: ConnectMode;
  /**
   * A hint for the connect page: the Mastodon server to pre-fill when the session has none. The server the session
   * was minted with always wins; the page may ignore the hint.
   */
  instance?: string;
  /** The account was connected. */
  onSuccess?: (result: ConnectSuccess) => void;
  /** The connection did not happen (denied, failed, expired, or no session could be had). */
  onError?: (error: ConnectError) => void;
  /** The user closed the popup before finishing (and a last status check found the session still pending). */
  onClose?: () => void;
  /** Every lifecycle event, for logging and analytics. */
  onEvent?: (event: ConnectEvent) => void;
  /** How often to ask Authpipe for the session's state while the popup is open; default 1000 ms (the minimum). */
  pollIntervalMs?: number;
  /** Replaces the browser's window, fetch and timers (tests). */
  environment?: ConnectEnvironment;
}

/** The state of a {@link ConnectController}, for rendering a button. */
export interface ConnectState {
  /** A session token is in hand and no connection is running: `open()` opens the popup without waiting. */
  ready: boolean;
  /** A session token is being fetched, or a connection is running. */
  loading: boolean;
  /** A connection is running (the popup is open, or the tab is leaving for the connect page). */
  connecting: boolean;
  /** Why fetching a token or the last connection failed; cleared by the next `open()`. */
  error: ConnectError | null;
}

/** Drives the connect flow for one page component. */
export interface ConnectController {
  /**
   * Starts a connection. Call it straight from a click handler: it opens the popup synchronously (browsers block
   * popups opened after an `await`). Does nothing while a connection is running, except focusing its popup.
   */
  open(): void;
  /** Same as `state.ready`. */
  readonly ready: boolean;
  /** The current state; a new object whenever something changed. */
  readonly state: ConnectState;
  /** Calls `listener` with every new state; returns the function that unsubscribes. */
  subscribe(listener: (state: ConnectState) => void): () => void;
  /** Stops listening and polling; no callback is called afterwards. An open popup is left to finish on its own. */
  destroy(): void;
}
