import { outcomeFromMessage } from './outcomes.js';
import type { ResolvedEnvironment } from './environment.js';
import type { ResolvedSession } from './session.js';
import { checkSessionStatus } from './status.js';
import type { BroadcastChannelLike, ConnectOutcome, PopupWindow } from './types.js';

/** The channel the finish page also announces its result on (reaches only pages on Authpipe's own origin). */
export const BROADCAST_CHANNEL_NAME = 'authpipe-connect';

/**
 * How long a popup whose flow ended may stay open before this page closes it. The finish page shows the outcome
 * and closes itself (after posting its message); when the poll learned the outcome first, the finish page is
 * usually still loading, and closing it at once would hide the outcome from the user and cut its message.
 */
export const POPUP_CLOSE_GRACE_MS = 3000;

/** How a popup attempt ended: an outcome, or the user closed the popup while the session was still pending. */
export type PopupAttemptEnd = ConnectOutcome | 'closed';

/** What a popup attempt needs. */
export interface PopupAttemptOptions {
  session: ResolvedSession;
  nonce: string;
  popup: PopupWindow;
  environment: ResolvedEnvironment;
  pollIntervalMs: number;
  /** Called once, with the first end observed; everything is cleaned up before. */
  onEnd: (end: PopupAttemptEnd) => void;
}

/** A running popup attempt. */
export interface PopupAttempt {
  /** Stops listening and polling without reporting anything. */
  stop(): void;
}

/**
 * Waits for the result of a connect flow running in `popup`, on three channels at once; the first terminal result
 * wins:
 *
 * 1. the finish page's `postMessage`, accepted only from Authpipe's origin, from the popup (when the browser still
 *    links the two windows), with this attempt's nonce;
 * 2. the `authpipe-connect` BroadcastChannel, with the same nonce (only when this page is on Authpipe's origin);
 * 3. `GET /v1/connect-sessions/{id}` every `pollIntervalMs`: works whatever the browser cut.
 *
 * When `popup.closed` is seen, one more status check decides: a terminal state is reported, else `'closed'`.
 * After a terminal result the popup is closed if it has not closed itself within {@link POPUP_CLOSE_GRACE_MS}.
 * `popup.closed` alone is never trusted as the end, since a provider page's COOP header can make it true while the
 * user is still signing in.
 */
export function startPopupAttempt(options: PopupAttemptOptions): PopupAttempt {
  const { session, nonce, popup, environment, pollIntervalMs, onEnd } = options;
  const { window, fetch, timers } = environment;
  let stopped = false;
  let pollTimer: unknown = null;

  const onMessage = (event: MessageEvent): void => {
    if (event.origin !== session.authpipeOrigin) {
      return;
    }
    if (event.source !== null && event.source !== undefined && event.source !== popup) {
      return;
    }
    const outcome = outcomeFromMessage(event.data, nonce, session.id);
    if (outcome !== null) {
      end(outcome);
    }
  };

  const channel = openChannel(window.BroadcastChannel);
  if (channel !== null) {
    channel.onmessage = (event: MessageEvent) => {
      const outcome = outcomeFromMessage(event.data, nonce, session.id);
      if (outcome !== null) {
        end(outcome);
      }
    };
  }
  window.addEventListener('message', onMessage);
  schedulePoll(pollIntervalMs);

  function schedulePoll(delayMs: number): void {
    pollTimer = timers.setTimeout(() => {
      pollTimer = null;
      void poll();
    }, delayMs);
  }

  async function poll(): Promise<void> {
    const popupClosed = popup.closed;
    const check = await checkSessionStatus(fetch, session);
    if (stopped) {
      return;
    }
    if (check.kind === 'finished') {
      end(check.outcome);
    } else if (popupClosed) {
      end('closed');
    } else {
      schedulePoll(check.kind === 'unanswered' && check.retryAfterMs !== undefined ? check.retryAfterMs : pollIntervalMs);
    }
  }

  function stop(): void {
    if (stopped) {
      return;
    }
    stopped = true;
    window.removeEventListener('message', onMessage);
    if (channel !== null) {
      channel.onmessage = null;
      channel.close();
    }
    if (pollTimer !== null) {
      timers.clearTimeout(pollTimer);
      pollTimer = null;
    }
  }

  function end(result: PopupAttemptEnd): void {
    if (stopped) {
      return;
    }
    stop();
    if (result !== 'closed') {
      timers.setTimeout(() => {
        if (!popup.closed) {
          popup.close();
        }
      }, POPUP_CLOSE_GRACE_MS);
    }
    onEnd(result);
  }

  return { stop };
}

function openChannel(Channel: (new (name: string) => BroadcastChannelLike) | undefined): BroadcastChannelLike | null {
  if (Channel === undefined) {
    return null;
  }
  try {
    return new Channel(BROADCAST_CHANNEL_NAME);
  } catch {
    return null;
  }
}
