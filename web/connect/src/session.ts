import { ConnectFailure } from './errors.js';
import type { ConnectMode, SessionTokenInput } from './types.js';

/** A session token with everything derived from it that the flow needs. */
export interface ResolvedSession {
  /** The session token `<id>.<secret>`. */
  token: string;
  /** The session id: the token's part before the first `.` (public). */
  id: string;
  /** The connect page URL, with the token in its fragment. */
  connectUrl: string;
  /** The origin of Authpipe's pages: the only origin whose messages are accepted. */
  authpipeOrigin: string;
  /** Authpipe's base URL, ending in `/`, against which `v1/connect-sessions/{id}` is resolved. */
  apiBase: string;
}

/** Where the connect page URL and the API are, for a bare string token. */
export interface SessionLocation {
  connectUrl?: string | undefined;
  authpipeUrl?: string | undefined;
}

/**
 * Resolves what the tenant's backend handed over (the `POST /v1/connect-sessions` answer, or a bare token plus
 * `connectUrl`/`authpipeUrl`). Throws a {@link ConnectFailure} `invalid_session` when it does not add up.
 */
export function resolveSession(input: SessionTokenInput, location: SessionLocation = {}): ResolvedSession {
  const token = typeof input === 'string' ? input : input?.token;
  if (typeof token !== 'string' || token.indexOf('.') <= 0) {
    throw new ConnectFailure('invalid_session', 'The session token must look like "<id>.<secret>".');
  }
  const id = token.slice(0, token.indexOf('.'));
  const connectUrl = pickConnectUrl(input, token, location);
  const authpipeOrigin = new URL(connectUrl).origin;
  const apiBase = location.authpipeUrl ? withTrailingSlash(location.authpipeUrl) : folderOf(connectUrl);
  return { token, id, connectUrl, authpipeOrigin, apiBase };
}

function pickConnectUrl(input: SessionTokenInput, token: string, location: SessionLocation): string {
  const given = typeof input === 'object' && input.connectUrl ? input.connectUrl : location.connectUrl;
  if (given) {
    return absoluteUrl(given);
  }
  if (location.authpipeUrl) {
    return absoluteUrl(withTrailingSlash(location.authpipeUrl) + 'connect#token=' + encodeURIComponent(token));
  }
  throw new ConnectFailure('invalid_session',
    'A bare session token needs connectUrl or authpipeUrl (or pass the whole POST /v1/connect-sessions answer).');
}

function absoluteUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    throw new ConnectFailure('invalid_session', 'Not an absolute URL: ' + url);
  }
}

function withTrailingSlash(url: string): string {
  return absoluteUrl(url.endsWith('/') ? url : url + '/');
}

/** `https://a.example/prefix/connect#token=…` → `https://a.example/prefix/`. */
function folderOf(url: string): string {
  const withoutFragment = new URL(url);
  withoutFragment.hash = '';
  withoutFragment.search = '';
  return new URL('.', withoutFragment).href;
}

/** What the connect page is told, in its URL's fragment (never sent to a server). */
export interface ConnectPageParams {
  /** The opener page's origin: where the result is posted. */
  origin: string;
  /** The per-open nonce the result must carry. */
  nonce: string;
  mode: ConnectMode;
  /** Optional hint: the server to pre-fill. */
  instance?: string | undefined;
}

/** The connect page URL with `&origin=…&nonce=…&mode=…` (and `&instance=…`) appended to its fragment. */
export function connectPageUrl(session: ResolvedSession, params: ConnectPageParams): string {
  let fragment = 'origin=' + encodeURIComponent(params.origin)
    + '&nonce=' + encodeURIComponent(params.nonce)
    + '&mode=' + params.mode;
  if (params.instance) {
    fragment += '&instance=' + encodeURIComponent(params.instance);
  }
  const separator = session.connectUrl.includes('#') ? '&' : '#';
  return session.connectUrl + separator + fragment;
}

/** The status API URL of a session. */
export function sessionStatusUrl(session: Pick<ResolvedSession, 'id' | 'apiBase'>): string {
  return new URL('v1/connect-sessions/' + encodeURIComponent(session.id), session.apiBase).href;
}
