import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectButton, useConnect, type ConnectButtonProps } from '@authpipe/react';
import {
  AUTHPIPE_ORIGIN,
  CONNECTION,
  deferred,
  fakeEnvironment,
  finishMessage,
  session,
} from '../../test-support/fakes.js';

function renderButton(props: Partial<ConnectButtonProps> = {}) {
  const fakes = fakeEnvironment();
  const callbacks = { onSuccess: vi.fn(), onError: vi.fn(), onClose: vi.fn(), onEvent: vi.fn() };
  const getSessionToken = vi.fn(async () => session());
  render(<ConnectButton getSessionToken={getSessionToken} environment={fakes.environment} {...callbacks} {...props} />);
  const events = () => callbacks.onEvent.mock.calls.map(([event]) => event.type);
  return {
    ...fakes, ...callbacks, getSessionToken, events,
    button: screen.getByRole('button') as HTMLButtonElement,
    popup: fakes.window.popup!,
  };
}

/** Lets timers run for `ms` (and every promise they settle), inside act(). */
async function advance(ms = 0): Promise<void> {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('<ConnectButton> states', () => {
  it('is disabled and busy until getSessionToken resolves, then ready', async () => {
    const token = deferred<ReturnType<typeof session>>();
    const { button } = renderButton({ getSessionToken: () => token.promise });

    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.dataset.state).toBe('loading');
    expect(button.textContent).toBe('Connect Mastodon');

    token.resolve(session());
    await advance();

    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-busy')).toBe('false');
    expect(button.dataset.state).toBe('ready');
  });

  it('is ready at once with a sessionToken', async () => {
    const { button } = renderButton({ getSessionToken: undefined, sessionToken: session() });
    expect(button.disabled).toBe(false);
    expect(button.dataset.state).toBe('ready');
  });

  it('shows an error when getSessionToken rejects, and a click tries again', async () => {
    const getSessionToken = vi.fn(async (): Promise<ReturnType<typeof session>> => {
      throw new Error('backend down');
    });
    const { button, window } = renderButton({ getSessionToken });
    await advance();

    expect(button.dataset.state).toBe('error');
    expect(button.textContent).toBe('Try again: connect Mastodon');
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-busy')).toBe('false');

    getSessionToken.mockResolvedValueOnce(session());
    fireEvent.click(button);
    expect(window.open).toHaveBeenCalledTimes(1);
    await advance();
    expect(getSessionToken).toHaveBeenCalledTimes(2);
    expect(window.popup!.url).toContain('/connect#token=');
  });

  it('is busy and says so while connecting', async () => {
    const { button } = renderButton();
    await advance();
    fireEvent.click(button);
    expect(button.dataset.state).toBe('connecting');
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.textContent).toBe('Connecting to Mastodon…');
    expect(button.disabled).toBe(true);
  });
});

describe('<ConnectButton> opening', () => {
  it('calls window.open synchronously inside the click, before any await resolves', async () => {
    const { button, window } = renderButton();
    await advance();
    let openedDuringClickDispatch = false;
    const afterReactHandlers = () => {
      openedDuringClickDispatch = window.open.mock.calls.length === 1;
    };
    document.addEventListener('click', afterReactHandlers);

    fireEvent.click(button);

    document.removeEventListener('click', afterReactHandlers);
    expect(openedDuringClickDispatch).toBe(true);
    expect(window.open).toHaveBeenCalledWith('about:blank', 'authpipe_connect', expect.stringContaining('popup=yes'));
    expect(window.popup!.url).toContain('&mode=popup');
  });

  it('is a real button: Enter opens it from the keyboard', async () => {
    // user-event (through Testing Library's act wrapper) waits on a real setTimeout(0)
    vi.useRealTimers();
    const user = userEvent.setup();
    const { window, button } = renderButton();
    await act(async () => undefined);
    expect(button.disabled).toBe(false);

    await user.tab();
    expect(document.activeElement).toBe(button);
    await user.keyboard('{Enter}');

    expect(window.open).toHaveBeenCalledTimes(1);
  });

  it('does not open when an onClick calls preventDefault', async () => {
    const { button, window } = renderButton({ onClick: (event) => event.preventDefault() });
    await advance();
    fireEvent.click(button);
    expect(window.open).not.toHaveBeenCalled();
  });
});

describe('<ConnectButton> results', () => {
  it('reports success from the finish page message, then fetches a new token', async () => {
    const { button, window, popup, onSuccess, getSessionToken, events } = renderButton();
    await advance();
    fireEvent.click(button);

    act(() => window.postMessage(finishMessage(popup.nonce), AUTHPIPE_ORIGIN, popup));

    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenCalledWith(CONNECTION);
    expect(events()).toEqual(['open', 'success']);
    await advance();
    expect(getSessionToken).toHaveBeenCalledTimes(2);
    expect(button.dataset.state).toBe('ready');
  });

  it('ignores a message from another origin or with another nonce', async () => {
    const { button, window, popup, onSuccess, onError } = renderButton();
    await advance();
    fireEvent.click(button);

    act(() => {
      window.postMessage(finishMessage(popup.nonce), 'https://evil.example', popup);
      window.postMessage(finishMessage('0'.repeat(32)), AUTHPIPE_ORIGIN, popup);
    });

    expect(onSuccess).not.toHaveBeenCalled();
    expect(onError).not.toHaveBeenCalled();
    expect(button.dataset.state).toBe('connecting');
  });

  it('reports success from the BroadcastChannel', async () => {
    const { button, window, popup, onSuccess } = renderButton();
    await advance();
    fireEvent.click(button);
    act(() => window.broadcast.post('authpipe-connect', finishMessage(popup.nonce)));
    expect(onSuccess).toHaveBeenCalledWith(CONNECTION);
  });

  it('reports success found by polling when no message arrives', async () => {
    const { button, authpipe, onSuccess } = renderButton();
    await advance();
    fireEvent.click(button);
    await advance(1000);
    expect(onSuccess).not.toHaveBeenCalled();

    authpipe.connected();
    await advance(1000);

    expect(onSuccess).toHaveBeenCalledWith(CONNECTION);
  });

  it('reports a denial as onError access_denied and shows the error state', async () => {
    const { button, window, popup, onError } = renderButton({ getSessionToken: undefined, sessionToken: session() });
    fireEvent.click(button);
    act(() => window.postMessage(finishMessage(popup.nonce, {
      status: 'error', result: undefined, error: { code: 'access_denied', message: 'denied' },
    }), AUTHPIPE_ORIGIN, popup));
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'access_denied' }));
    expect(button.dataset.state).toBe('error');
  });

  it('falls back to a redirect when the popup is blocked', async () => {
    const { button, window, events } = renderButton();
    window.popup = null;
    await advance();

    fireEvent.click(button);

    expect(window.location.assign).toHaveBeenCalledTimes(1);
    expect(window.location.assign.mock.calls[0]![0]).toMatch(/#token=.*&origin=.*&nonce=[0-9a-f]{32}&mode=redirect$/);
    expect(events()).toEqual(['open', 'popup_blocked', 'redirect']);
  });

  it('navigates the tab in mode="redirect"', async () => {
    const { button, window } = renderButton({ mode: 'redirect' });
    await advance();
    fireEvent.click(button);
    expect(window.open).not.toHaveBeenCalled();
    expect(window.location.assign.mock.calls[0]![0]).toContain('&mode=redirect');
  });

  it('reports onClose when the user closed the popup, after a final status check', async () => {
    const { button, popup, authpipe, onClose, onSuccess, events } = renderButton();
    await advance();
    fireEvent.click(button);
    await advance(1000);
    expect(authpipe.requests).toHaveLength(1);

    popup.closed = true;
    await advance(1000);

    expect(authpipe.requests).toHaveLength(2);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(onSuccess).not.toHaveBeenCalled();
    expect(events()).toEqual(['open', 'close']);
    expect(button.dataset.state).toBe('ready');
  });
});

describe('<ConnectButton> rendering', () => {
  it('renders a function child with the state, and forwards button props', async () => {
    renderButton({
      className: 'brand',
      id: 'connect-mastodon',
      title: 'Connect your account',
      provider: 'mastodon',
      children: (state) => (state.ready ? `Link ${state.provider}` : 'Please wait'),
    });
    const button = screen.getByRole('button') as HTMLButtonElement;
    expect(button.textContent).toBe('Please wait');
    await advance();
    expect(button.textContent).toBe('Link mastodon');
    expect(button.className).toBe('brand');
    expect(button.id).toBe('connect-mastodon');
    expect(button.title).toBe('Connect your account');
    expect(button.type).toBe('button');
  });

  it('renders plain children', async () => {
    renderButton({ children: <span>Hook up Mastodon</span> });
    expect(screen.getByRole('button').textContent).toBe('Hook up Mastodon');
  });

  it('stays disabled when disabled is passed', async () => {
    const { button } = renderButton({ disabled: true });
    await advance();
    expect(button.disabled).toBe(true);
  });
});

describe('useConnect', () => {
  it('returns open, ready, loading and error, and opens synchronously', async () => {
    const { window, environment } = fakeEnvironment();
    const { result } = renderHook(() => useConnect({ getSessionToken: async () => session(), environment }));
    expect(result.current).toMatchObject({ ready: false, loading: true, error: null });
    await advance();
    expect(result.current).toMatchObject({ ready: true, loading: false, error: null });

    act(() => result.current.open());

    expect(window.open).toHaveBeenCalledTimes(1);
    expect(result.current).toMatchObject({ ready: false, loading: true, connecting: true });
  });

  it('uses the latest callbacks without recreating the controller', async () => {
    const { window, environment } = fakeEnvironment();
    const getSessionToken = vi.fn(async () => session());
    const first = vi.fn();
    const second = vi.fn();
    const { result, rerender } = renderHook(
      ({ onSuccess }) => useConnect({ getSessionToken, onSuccess, environment }),
      { initialProps: { onSuccess: first } },
    );
    await advance();
    rerender({ onSuccess: second });
    act(() => result.current.open());
    act(() => window.postMessage(finishMessage(window.popup!.nonce), AUTHPIPE_ORIGIN, window.popup));

    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith(CONNECTION);
    await advance();
    expect(getSessionToken).toHaveBeenCalledTimes(2);
  });
});
