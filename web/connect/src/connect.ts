import { resolveEnvironment, type ResolvedEnvironment } from './environment.js';
import { ConnectFailure, toConnectError } from './errors.js';
import { createNonce } from './nonce.js';
import { startPopupAttempt, type PopupAttempt } from './popup-attempt.js';
import { rememberRedirect } from './redirect.js';
import { connectPageUrl, resolveSession, type ResolvedSession } from './session.js';
import type {
  ConnectController,
  ConnectError,
  ConnectEvent,
  ConnectMode,
  ConnectOptions,
  ConnectOutcome,
  ConnectState,
  ConnectWindow,
  PopupWindow,
} from './types.js';

/** The popup's window name: a second `open()` reuses a popup left over from an earlier one. */
export const POPUP_NAME = 'authpipe_connect';
const POPUP_WIDTH = 500;
const POPUP_HEIGHT = 700;
/** Authpipe rate-limits anonymous status reads: at most one a second. */
const MIN_POLL_INTERVAL_MS = 1000;

/**
 * Creates the controller that runs Authpipe's connect flow for a page. With `getSessionToken`, a session token is
 * fetched at once, so that a later click can open the popup synchronously.
 *
 * ```ts
 * const connect = createConnect({
 *   getSessionToken: () => fetch('/api/connect-session', { method: 'POST' }).then((r) => r.json()),
 *   onSuccess: (result) => console.log('connected', result.account.acct),
 *   onError: (error) => console.warn(error.code),
 * });
 * button.addEventListener('click', () => connect.open());
 * ```
 */
export function createConnect(options: ConnectOptions): ConnectController {
  return new Connector(options);
}

class Connector implements ConnectController {
  private readonly options: ConnectOptions;
  private readonly environment: ResolvedEnvironment;
  private readonly pollIntervalMs: number;
  private readonly listeners = new Set<(state: ConnectState) => void>();
  /** The session token in hand, unused so far (or only abandoned: a closed popup leaves it usable). */
  private session: ResolvedSession | null = null;
  /** Why the `sessionToken` option could not be used, if it could not. */
  private sessionProblem: ConnectError | null = null;
  private sessionRequest: Promise<ResolvedSession> | null = null;
  private connecting = false;
  /** The mode of the running connection (`redirect` once a blocked popup fell back). */
  private mode: ConnectMode = 'popup';
  private popup: PopupWindow | null = null;
  private attempt: PopupAttempt | null = null;
  private error: ConnectError | null = null;
  private destroyed = false;
  private currentState: ConnectState;

  constructor(options: ConnectOptions) {
    this.options = options;
    this.environment = resolveEnvironment(options.environment);
    this.pollIntervalMs = Math.max(MIN_POLL_INTERVAL_MS, options.pollIntervalMs ?? MIN_POLL_INTERVAL_MS);
    if (options.sessionToken !== undefined) {
      try {
        this.session = resolveSession(options.sessionToken, options);
      } catch (thrown) {
        this.sessionProblem = toConnectError(thrown, 'invalid_session');
        this.error = this.sessionProblem;
      }
    }
    this.currentState = this.computeState();
    if (this.session === null && options.getSessionToken !== undefined) {
      this.requestSession().catch(() => undefined);
    }
  }

  get state(): ConnectState {
    return this.currentState;
  }

  get ready(): boolean {
    return this.currentState.ready;
  }

  subscribe(listener: (state: ConnectState) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  open(): void {
    if (this.destroyed) {
      return;
    }
    if (this.connecting) {
      this.popup?.focus();
      return;
    }
    const window = this.environment.window;
    const nonce = createNonce(window.crypto);
    const wantsPopup = (this.options.mode ?? 'popup') === 'popup';
    // Synchronously, before anything else: a popup opened after an await is blocked (Safari).
    const popup = wantsPopup ? window.open('about:blank', POPUP_NAME, popupFeatures(window)) : null;
    this.connecting = true;
    this.mode = popup !== null ? 'popup' : 'redirect';
    this.popup = popup;
    this.error = null;
    this.update();
    this.emit('open', wantsPopup ? 'popup' : 'redirect');
    if (wantsPopup && popup === null) {
      this.emit('popup_blocked', 'redirect');
    }
    const proceed = (session: ResolvedSession): void => {
      if (popup !== null) {
        this.startPopup(session, popup, nonce);
      } else {
        this.startRedirect(session, nonce);
      }
    };
    if (this.session !== null) {
      proceed(this.session);
      return;
    }
    this.whenSession().then(
      (session) => {
        if (this.destroyed) {
          popup?.close();
        } else {
          proceed(session);
        }
      },
      (thrown: unknown) => {
        popup?.close();
        if (!this.destroyed) {
          this.finish({ status: 'error', error: toConnectError(thrown, 'session_unavailable') }, false);
        }
      },
    );
  }

  destroy(): void {
    this.destroyed = true;
    this.attempt?.stop();
    this.attempt = null;
    this.listeners.clear();
  }

  private startPopup(session: ResolvedSession, popup: PopupWindow, nonce: string): void {
    if (popup.closed) {
      // Closed by the user while the token was being fetched: nothing was started.
      this.finishClosed();
      return;
    }
    this.attempt = startPopupAttempt({
      session,
      nonce,
      popup,
      environment: this.environment,
      pollIntervalMs: this.pollIntervalMs,
      onEnd: (end) => {
        this.attempt = null;
        if (end === 'closed') {
          this.finishClosed();
        } else {
          this.finish(end, true);
        }
      },
    });
    popup.location.replace(this.pageUrl(session, nonce, 'popup'));
  }

  private startRedirect(session: ResolvedSession, nonce: string): void {
    const window = this.environment.window;
    rememberRedirect(window.sessionStorage, session, nonce, Date.now());
    this.emit('redirect', 'redirect');
    window.location.assign(this.pageUrl(session, nonce, 'redirect'));
  }

  private pageUrl(session: ResolvedSession, nonce: string, mode: ConnectMode): string {
    return connectPageUrl(session, {
      origin: this.environment.window.location.origin,
      nonce,
      mode,
      instance: this.options.instance,
    });
  }

  /** Ends the running connection with `outcome`. `sessionUsed`: the session reached a final state. */
  private finish(outcome: ConnectOutcome, sessionUsed: boolean): void {
    const sessionId = this.session?.id;
    this.connecting = false;
    this.popup = null;
    if (sessionUsed) {
      this.session = null;
    }
    this.error = outcome.status === 'error' ? outcome.error : null;
    this.update();
    if (outcome.status === 'connected') {
      this.emit('success', this.mode, sessionId);
      this.options.onSuccess?.(outcome.connection);
    } else {
      this.emit('error', this.mode, sessionId, outcome.error);
      this.options.onError?.(outcome.error);
    }
    if (sessionUsed && this.options.getSessionToken !== undefined && !this.destroyed) {
      this.requestSession().catch(() => undefined);
    }
  }

  /** The user closed the popup: the session is still pending and can be used again. */
  private finishClosed(): void {
    this.connecting = false;
    this.popup = null;
    this.update();
    this.emit('close', 'popup');
    this.options.onClose?.();
  }

  private whenSession(): Promise<ResolvedSession> {
    if (this.session !== null) {
      return Promise.resolve(this.session);
    }
    if (this.options.getSessionToken !== undefined) {
      return this.requestSession();
    }
    const problem = this.sessionProblem;
    return Promise.reject(problem !== null
      ? new ConnectFailure(problem.code, problem.message)
      : new ConnectFailure('session_unavailable',
        'No session token: the one given was used up. Pass a new sessionToken, or getSessionToken.'));
  }

  /** Fetches a session token with `getSessionToken`, once at a time. */
  private requestSession(): Promise<ResolvedSession> {
    if (this.sessionRequest === null) {
      this.sessionRequest = this.fetchSession();
      this.update();
    }
    return this.sessionRequest;
  }

  private async fetchSession(): Promise<ResolvedSession> {
    const getSessionToken = this.options.getSessionToken!;
    try {
      // Called from a microtask, so that a getter throwing synchronously still ends up here as a rejection.
      const input = await Promise.resolve().then(getSessionToken);
      const session = resolveSession(input, this.options);
      if (!this.destroyed) {
        this.session = session;
      }
      return session;
    } catch (thrown) {
      const error = toConnectError(thrown, 'session_unavailable');
      this.error = error;
      throw new ConnectFailure(error.code, error.message);
    } finally {
      this.sessionRequest = null;
      this.update();
    }
  }

  private emit(type: ConnectEvent['type'], mode: ConnectMode, sessionId = this.session?.id,
    error?: ConnectError): void {
    if (this.destroyed) {
      return;
    }
    const event: ConnectEvent = { type, mode };
    if (sessionId !== undefined) {
      event.sessionId = sessionId;
    }
    if (error !== undefined) {
      event.error = error;
    }
    this.options.onEvent?.(event);
  }

  private computeState(): ConnectState {
    return {
      ready: this.session !== null && !this.connecting && !this.destroyed,
      loading: this.sessionRequest !== null || this.connecting,
      connecting: this.connecting,
      error: this.error,
    };
  }

  /** Recomputes the state and tells the subscribers when it changed. */
  private update(): void {
    const next = this.computeState();
    const current = this.currentState;
    if (next.ready === current.ready && next.loading === current.loading
      && next.connecting === current.connecting && next.error === current.error) {
      return;
    }
    this.currentState = next;
    for (const listener of [...this.listeners]) {
      listener(next);
    }
  }
}

/** A 500×700 popup centred over the opener window. */
function popupFeatures(window: ConnectWindow): string {
  const left = (window.screenX ?? 0) + Math.max(0, ((window.outerWidth ?? POPUP_WIDTH) - POPUP_WIDTH) / 2);
  const top = (window.screenY ?? 0) + Math.max(0, ((window.outerHeight ?? POPUP_HEIGHT) - POPUP_HEIGHT) / 2);
  return `popup=yes,width=${POPUP_WIDTH},height=${POPUP_HEIGHT},left=${Math.round(left)},top=${Math.round(top)}`;
}
