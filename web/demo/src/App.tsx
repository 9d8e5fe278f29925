import { useEffect, useState } from 'react';
import {
  completeRedirect,
  ConnectButton,
  type ConnectError,
  type ConnectEvent,
  type ConnectMode,
  type ConnectSuccess,
} from '@authpipe/react';
import { fetchConnectSession, withoutAuthpipeParams } from './session.js';

type Status = 'idle' | 'connected' | 'error' | 'closed';

/**
 * The demo tenant page. Stable ids for the browser tests: `#connect-button`, `#mode-popup`, `#mode-redirect`,
 * `#status` (idle | connected | error | closed), `#result` (the onSuccess argument as JSON), `#error` (the error
 * code) and `#events` (one `<li>` per lifecycle event).
 */
export function App() {
  const userId = new URLSearchParams(window.location.search).get('user');
  const [mode, setMode] = useState<ConnectMode>('popup');
  const [status, setStatus] = useState<Status>('idle');
  const [result, setResult] = useState<ConnectSuccess | null>(null);
  const [errorCode, setErrorCode] = useState('');
  const [events, setEvents] = useState<string[]>([]);

  const addEvent = (name: string) => setEvents((list) => [...list, name]);
  const showSuccess = (connection: ConnectSuccess) => {
    setStatus('connected');
    setResult(connection);
    setErrorCode('');
  };
  const showError = (error: ConnectError) => {
    setStatus('error');
    setResult(null);
    setErrorCode(error.code);
  };

  // Back from Authpipe in redirect mode (chosen, or because the popup was blocked): finish the connection.
  useEffect(() => {
    if (!new URLSearchParams(window.location.search).has('authpipe_status')) {
      return;
    }
    void completeRedirect(window.location.href).then((outcome) => {
      window.history.replaceState(null, '', withoutAuthpipeParams(window.location.href));
      if (outcome?.status === 'connected') {
        addEvent('success');
        showSuccess(outcome.connection);
      } else if (outcome?.status === 'error') {
        addEvent('error');
        showError(outcome.error);
      }
    });
  }, []);

  return (
    <main>
      <p>Signed in to Acme as <strong id="user">{userId ?? 'the demo user'}</strong>.</p>
      <fieldset>
        <legend>Open Authpipe's connect page</legend>
        <label>
          <input type="radio" name="mode" id="mode-popup" checked={mode === 'popup'}
            onChange={() => setMode('popup')} /> in a popup
        </label>{' '}
        <label>
          <input type="radio" name="mode" id="mode-redirect" checked={mode === 'redirect'}
            onChange={() => setMode('redirect')} /> in this tab (redirect)
        </label>
      </fieldset>
      <ConnectButton
        id="connect-button"
        provider="mastodon"
        mode={mode}
        getSessionToken={() => fetchConnectSession(userId)}
        onSuccess={showSuccess}
        onError={showError}
        onClose={() => setStatus('closed')}
        onEvent={(event: ConnectEvent) => addEvent(event.type)}
      />
      <dl>
        <dt>Status</dt>
        <dd id="status">{status}</dd>
        <dt>Result</dt>
        <dd><pre id="result">{result === null ? '' : JSON.stringify(result, null, 2)}</pre></dd>
        <dt>Error</dt>
        <dd id="error">{errorCode}</dd>
        <dt>Events</dt>
        <dd>
          <ol id="events">
            {events.map((name, index) => <li key={index}>{name}</li>)}
          </ol>
        </dd>
      </dl>
    </main>
  );
}
