// Helpers of the refused-session and login-CSRF tests (and the screenshot script): Authpipe's API as a tenant's
// backend calls it (connect sessions, POST /v1/connect), and what Authpipe's connect page shows when it
// refuses a session.
import { randomBytes } from 'node:crypto';
import { stack } from './support.mjs';

/** The scopes the demo backend asks for (DemoApp): a flow must ask the same set for the sandbox to auto-approve. */
export const DEMO_SCOPES = ['read', 'write'];

/** The demo page's origin: what its sessions allow. */
export function demoOrigin() {
  return new URL(stack.demoUrl).origin;
}

/** A nonce as the browser package makes one: 32 base64url characters. */
export function randomNonce() {
  return randomBytes(24).toString('base64url');
}

/** `{method} {api}{path}` with `token` (default: the tenant's API key): `{status, body}` (body parsed when JSON). */
export async function callApi(method, path, { body, token = stack.apiKey } = {}) {
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(stack.apiUrl + path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed };
}

/**
 * `POST /v1/connect-sessions` for `fields` (default: a session for a new user that the demo's origin may open):
 * the `201` body `{id, token, expiresAt, connectUrl}`.
 */
export async function mintSession(fields = {}) {
  const answer = await callApi('POST', '/v1/connect-sessions', {
    body: { userId: fields.userId ?? uniqueId('session'), allowedOrigins: [demoOrigin()], ...fields },
  });
  if (answer.status !== 201) {
    throw new Error(`POST /v1/connect-sessions answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

/** `GET /v1/connect-sessions/{id}` with the session's token: `{status, body}`. */
export function readSession(session) {
  return callApi('GET', `/v1/connect-sessions/${encodeURIComponent(session.id)}`, { token: session.token });
}

/**
 * Polls the session (four times a second: under the API's anonymous rate limit) until its status is `status`;
 * returns its body.
 */
export async function waitForSessionStatus(session, status, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await readSession(session);
    if (last.status === 200 && last.body.status === status) {
      return last.body;
    }
    if (Date.now() > deadline) {
      throw new Error(`session ${session.id} never became ${status}: ${last.status} ${JSON.stringify(last.body)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * `POST /v1/connect` with the API key, for the sandbox: the `{authorizeUrl, expiresAt}` answer (the authorize URL is
 * a link to Authpipe's connect page).
 */
export async function connectLink({ userId, scopes = DEMO_SCOPES, returnTo = stack.demoUrl }) {
  const answer = await callApi('POST', '/v1/connect', {
    body: { provider: 'mastodon', userId, instance: stack.sandboxUrl, scopes, returnTo },
  });
  if (answer.status !== 200) {
    throw new Error(`POST /v1/connect answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

/** The session a connect page link opens (its fragment's token): `{id, token}`. */
export function sessionOfLink(connectUrl) {
  const token = new URLSearchParams(new URL(connectUrl).hash.slice(1)).get('token');
  return { id: token.split('.')[0], token };
}

/** An id no other run used, with a label. */
export function uniqueId(label) {
  return `${label}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/**
 * Waits until Authpipe's connect page shows its error `code` (`#error[data-error=code]`, visible) and returns what
 * the page shows then. The error tells what the page showed instead.
 */
export async function waitForPageError(page, code, timeout = 10_000) {
  try {
    await page.locator(`#error[data-error="${code}"]`).waitFor({ state: 'visible', timeout });
  } catch (error) {
    throw new Error(`the connect page never showed ${code}: ${JSON.stringify(await describeConnectPage(page))}`,
      { cause: error });
  }
  return describeConnectPage(page);
}

/** What Authpipe's connect page shows: title, lead, error (code and text), whether the form and button show. */
export async function describeConnectPage(page) {
  const text = async (selector) => (await page.locator(selector).textContent().catch(() => null))?.trim() ?? null;
  return {
    url: page.url(),
    title: await text('#title'),
    lead: await text('#lead'),
    error: await page.locator('#error').getAttribute('data-error').catch(() => null),
    errorText: await text('#error'),
    errorVisible: await page.locator('#error').isVisible().catch(() => false),
    formVisible: await page.locator('#form').isVisible().catch(() => false),
    connectVisible: await page.locator('#connect').isVisible().catch(() => false),
  };
}
