// Shared helpers of the browser tests: the stack's URLs from the environment, Debian's Chromium through
// playwright-core, the demo page, and a driver for Authpipe's connect page and the Mastodon sandbox's sign-in and
// consent pages.
//
// The tests run against a live stack (./authpipe): AUTHPIPE_API_URL, AUTHPIPE_DEMO_URL (the demo page, served at
// /demo/ with its backend route POST /demo/api/connect-session), AUTHPIPE_SANDBOX_URL, AUTHPIPE_API_KEY and
// AUTHPIPE_TENANT_ID. Optional: AUTHPIPE_SANDBOX_INSTANCE (what to type into the connect page's server field;
// default AUTHPIPE_SANDBOX_URL), AUTHPIPE_CHROMIUM (default /usr/bin/chromium), AUTHPIPE_DENY_USER (a sandbox user
// that has not authorized Authpipe's app yet, so that the sandbox asks for consent; default bob).
import { chromium } from 'playwright-core';

const REQUIRED = ['AUTHPIPE_API_URL', 'AUTHPIPE_DEMO_URL', 'AUTHPIPE_SANDBOX_URL', 'AUTHPIPE_API_KEY', 'AUTHPIPE_TENANT_ID'];

/** Why the browser tests cannot run here (a string for node:test's `skip`), or false when they can. */
export const skipReason = (() => {
  const missing = REQUIRED.filter((name) => !process.env[name]);
  return missing.length === 0 ? false : 'needs a running stack: set ' + missing.join(', ');
})();

/** The stack under test. */
export const stack = skipReason ? null : {
  apiUrl: process.env.AUTHPIPE_API_URL.replace(/\/+$/, ''),
  demoUrl: process.env.AUTHPIPE_DEMO_URL,
  sandboxUrl: process.env.AUTHPIPE_SANDBOX_URL.replace(/\/+$/, ''),
  apiKey: process.env.AUTHPIPE_API_KEY,
  tenantId: process.env.AUTHPIPE_TENANT_ID,
  instance: process.env.AUTHPIPE_SANDBOX_INSTANCE || process.env.AUTHPIPE_SANDBOX_URL.replace(/\/+$/, ''),
};

/** The sandbox's seeded users. */
export const ALICE = { username: 'alice', password: 'alice-password' };
export const DENY_USER = process.env.AUTHPIPE_DENY_USER
  ? { username: process.env.AUTHPIPE_DENY_USER, password: process.env.AUTHPIPE_DENY_USER + '-password' }
  : { username: 'bob', password: 'bob-password' };

/** Per-test time limit: a whole flow takes a few seconds. */
export const TEST_TIMEOUT_MS = 90_000;
const STEP_TIMEOUT_MS = 20_000;

/** Launches Debian's Chromium (playwright-core downloads no browser). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.AUTHPIPE_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** A user id no other test run used, so that every test makes its own connection. */
export function uniqueUserId(label) {
  return `web-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Opens the demo page for `userId` (`?user=`, which the demo sends to its backend) in `mode`, and waits until its
 * connect button is enabled (a session token is in hand).
 */
export async function openDemo(context, { userId, mode = 'popup' }) {
  const page = await context.newPage();
  const url = new URL(stack.demoUrl);
  url.searchParams.set('user', userId);
  await page.goto(url.href);
  if (mode === 'redirect') {
    await page.check('#mode-redirect');
  }
  await page.locator('#connect-button:enabled').waitFor({ timeout: STEP_TIMEOUT_MS });
  return page;
}

/** Clicks the demo's connect button and returns the popup it opens. */
export async function clickConnectForPopup(demo) {
  const [popup] = await Promise.all([demo.waitForEvent('popup', { timeout: STEP_TIMEOUT_MS }), demo.click('#connect-button')]);
  return popup;
}

/** Waits until `selector`'s text is `expected` on `page`; the error tells the page's state. */
export async function waitForText(page, selector, expected, timeout = STEP_TIMEOUT_MS) {
  try {
    await page.waitForFunction(
      ([sel, text]) => document.querySelector(sel)?.textContent?.trim() === text,
      [selector, expected],
      { timeout },
    );
  } catch (error) {
    throw new Error(`${selector} never read "${expected}" on ${page.url()}: ${await describeDemo(page)}`, { cause: error });
  }
}

/** The demo's outputs, for error messages. */
export async function describeDemo(page) {
  const text = async (selector) => (await page.locator(selector).textContent().catch(() => null))?.trim();
  const events = await page.locator('#events li').allTextContents().catch(() => []);
  return JSON.stringify({ status: await text('#status'), error: await text('#error'), events });
}

/** The demo's `#result` (the onSuccess argument). */
export async function demoResult(page) {
  return JSON.parse(await page.locator('#result').textContent());
}

/** The demo's `#events` as event names. */
export async function demoEvents(page) {
  return page.locator('#events li').allTextContents();
}

/** `GET {api}/v1/credentials/mastodon/{userId}` with the tenant's API key: `{status, body}`. */
export async function getCredential(userId) {
  const response = await fetch(`${stack.apiUrl}/v1/credentials/mastodon/${encodeURIComponent(userId)}`, {
    headers: { Authorization: `Bearer ${stack.apiKey}`, Accept: 'application/json' },
  });
  const body = await response.json().catch(() => null);
  return { status: response.status, body };
}

/**
 * Runs the flow in `page` (the popup, or the demo tab itself in redirect mode) from Authpipe's connect page:
 * fills in the server when asked, clicks Connect, signs in to the sandbox as `user` and clicks Authorize or Deny
 * (`decision`). Returns once the decision is clicked, or once the flow left the provider without asking (the page
 * closed, or is back on Authpipe's or the demo's origin).
 */
export async function runConnectFlow(page, { user, decision }) {
  await startOnConnectPage(page);
  let signedIn = false;
  for (;;) {
    const step = await nextStep(page);
    if (step === 'sign-in') {
      if (signedIn) {
        throw new Error(`sandbox sign-in as ${user.username} failed: ${await flashText(page)}`);
      }
      await signIn(page, user);
      signedIn = true;
    } else if (step === 'consent') {
      await page.click(decision === 'deny' ? 'button.negative' : 'button.positive');
      return;
    } else if (decision === 'deny') {
      throw new Error(`the sandbox approved without asking (${user.username} already authorized the app), `
        + 'so the test cannot deny: set AUTHPIPE_DENY_USER to a user without a live token');
    } else {
      return;
    }
  }
}

/** On Authpipe's connect page: the server field when shown and empty, then the Connect button. */
async function startOnConnectPage(page) {
  const connect = page.locator('#connect');
  try {
    await connect.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  } catch (error) {
    throw new Error(`Authpipe's connect page (#connect) did not show; the popup is at ${page.url()}`, { cause: error });
  }
  await page.waitForLoadState('load');
  const instance = page.locator('#instance');
  if (await instance.isVisible() && await instance.isEditable() && (await instance.inputValue()) === '') {
    await instance.fill(stack.instance);
  }
  await connect.click();
}

async function signIn(page, user) {
  await page.fill('input[name="user[email]"]', user.username);
  await page.fill('input[name="user[password]"]', user.password);
  await page.click('form[action="/auth/sign_in"] button[type="submit"]');
  await page.waitForLoadState('load').catch(() => undefined);
}

/**
 * Where the flow is, polled until something is recognizable: the sandbox's sign-in or consent page, Authpipe's
 * connect page showing an error, or the flow having left the sandbox.
 */
async function nextStep(page) {
  const sandboxOrigin = new URL(stack.sandboxUrl).origin;
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (page.isClosed()) {
      return 'closed';
    }
    const origin = originOf(page.url());
    if (origin === sandboxOrigin) {
      if (await isVisible(page, 'button.positive')) {
        return 'consent';
      }
      if (await isVisible(page, 'input[name="user[email]"]') && page.url().includes('/auth/sign_in')) {
        return 'sign-in';
      }
    } else if (origin === originOf(stack.demoUrl)) {
      return 'back-on-demo';
    } else if (origin === originOf(stack.apiUrl)) {
      if (await isVisible(page, '#outcome')) {
        return 'finished';
      }
      if (await isVisible(page, '#error')) {
        const message = await page.locator('#error').textContent().catch(() => '');
        if (message?.trim()) {
          throw new Error(`Authpipe's page shows an error: ${message.trim()} (${page.url()})`);
        }
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the flow got stuck at ${page.isClosed() ? '(closed)' : page.url()}`);
}

async function isVisible(page, selector) {
  try {
    return await page.locator(selector).first().isVisible();
  } catch {
    return false; // navigating, or closed
  }
}

async function flashText(page) {
  return (await page.locator('.flash-message').textContent().catch(() => null)) ?? '(no message)';
}

function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
