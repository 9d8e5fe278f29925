// Screenshots for the docs (not a test): Authpipe's connect page in its states, its finish page as a popup shows
// it, and the demo page's <ConnectButton> from loading to connected and to an error. `npm run screenshots` with
// the browser tests' environment (a running stack, see support.mjs); writes PNGs to ../docs/screenshots/.
//
// Pages are 900x700, the popup 500x700 (the size @authpipe/connect opens it at). Everything shown is real: the
// stack's own pages and answers, only held back (the demo's session route, to show the loading state) or kept open
// (the finish page, which closes itself).
import { mkdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { mintSession, randomNonce, demoOrigin } from './sessions.mjs';
import {
  ALICE,
  clickConnectForPopup,
  DENY_USER,
  launchBrowser,
  openDemo,
  runConnectFlow,
  skipReason,
  stack,
  uniqueUserId,
  waitForText,
} from './support.mjs';

const OUT_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const PAGE = { width: 900, height: 700 };
const POPUP = { width: 500, height: 700 };

if (skipReason) {
  console.error(`screenshots: ${skipReason}`);
  process.exit(2);
}

const written = [];

async function shoot(page, name) {
  const file = OUT_DIR + name;
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  written.push(`${name} (${Math.round((await stat(file)).size / 1024)} KiB)`);
}

function newContext(browser, viewport = PAGE) {
  return browser.newContext({ viewport, colorScheme: 'light', locale: 'en-US', deviceScaleFactor: 1 });
}

/** The connect page for `session`, loaded and showing its form. */
async function openConnectPage(context, session, fragment = '') {
  const page = await context.newPage();
  await page.goto(session.connectUrl + fragment);
  await page.locator('#connect:enabled').waitFor();
  return page;
}

/** Authpipe's connect page: asking for the server (typed, with its hint), naming it, and refusing. */
async function connectPage(browser) {
  const context = await newContext(browser);
  try {
    const asks = await openConnectPage(context, await mintSession());
    await asks.locator('#instance').pressSequentially('@alice@Mastodon.Social');
    await waitForTextContains(asks, '#instance-hint', 'mastodon.social');
    await asks.locator('#instance').blur();
    await shoot(asks, 'connect-page-server-field.png');

    const named = await openConnectPage(context, await mintSession({ instance: stack.sandboxUrl }));
    await named.locator('#connect').blur();
    await shoot(named, 'connect-page-named-server.png');

    // An address in a private network: Authpipe refuses to call it (SSRF), the page says why.
    const ssrf = await openConnectPage(context, await mintSession());
    await ssrf.locator('#instance').fill('10.0.0.1');
    await ssrf.click('#connect');
    await ssrf.locator('#error[data-error="instance_not_allowed"]').waitFor();
    await ssrf.locator('#connect').blur();
    await shoot(ssrf, 'connect-page-error-instance-not-allowed.png');

    // Opened from a page the session does not allow.
    const foreign = await openConnectPage(context, await mintSession({ instance: stack.sandboxUrl }),
      `&origin=${encodeURIComponent('https://evil.example')}&nonce=${randomNonce()}&mode=popup`);
    await foreign.click('#connect');
    await foreign.locator('#error[data-error="origin_not_allowed"]').waitFor();
    await foreign.locator('#connect').blur();
    await shoot(foreign, 'connect-page-error-origin-not-allowed.png');
  } finally {
    await context.close();
  }
}

/**
 * The finish page of a popup-mode flow, as the popup shows it after the callback: the connect page opened as the
 * demo's popup would open it (origin, nonce, mode=popup in the fragment) in a 500x700 page with no opener, so that
 * nothing closes it; its own close (after 600 ms) is held off.
 */
async function finishPage(browser) {
  const context = await newContext(browser, POPUP);
  try {
    await context.addInitScript(() => {
      if (location.pathname === '/v1/oauth/callback') {
        window.close = () => undefined;
      }
    });
    const session = await mintSession({ instance: stack.sandboxUrl, scopes: ['read', 'write'] });
    const page = await context.newPage();
    await page.goto(`${session.connectUrl}&origin=${encodeURIComponent(demoOrigin())}&nonce=${randomNonce()}`
      + '&mode=popup');
    await runConnectFlow(page, { user: ALICE, decision: 'authorize' });
    await page.locator('#outcome[data-status="connected"]').waitFor();
    await shoot(page, 'finish-page-connected-popup.png');
  } finally {
    await context.close();
  }
}

/** The demo's ConnectButton: loading (its session route held back), ready, connecting (popup open), connected. */
async function demoConnected(browser) {
  const context = await newContext(browser);
  try {
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    await context.route((url) => url.pathname.endsWith('/api/connect-session'), async (route) => {
      await held;
      await route.continue();
    });
    const demo = await context.newPage();
    const url = new URL(stack.demoUrl);
    url.searchParams.set('user', uniqueUserId('screenshot'));
    await demo.goto(url.href);
    await demo.locator('#connect-button[data-state="loading"]').waitFor();
    await shoot(demo, 'demo-button-loading.png');
    release();

    await demo.locator('#connect-button[data-state="ready"]:enabled').waitFor();
    await shoot(demo, 'demo-button-ready.png');

    const popup = await clickConnectForPopup(demo);
    await popup.setViewportSize(POPUP);
    await popup.locator('#connect:enabled').waitFor();
    await demo.locator('#connect-button[data-state="connecting"]').waitFor();
    await shoot(demo, 'demo-button-connecting.png');
    await shoot(popup, 'popup-connect-page.png');

    await runConnectFlow(popup, { user: ALICE, decision: 'authorize' });
    await waitForText(demo, '#status', 'connected');
    await shoot(demo, 'demo-button-connected.png');
  } finally {
    await context.close();
  }
}

/** The demo after the user denied at the sandbox: access_denied, and the button offers to try again. */
async function demoDenied(browser) {
  const context = await newContext(browser);
  try {
    const demo = await openDemo(context, { userId: uniqueUserId('screenshot-deny') });
    const popup = await clickConnectForPopup(demo);
    await runConnectFlow(popup, { user: DENY_USER, decision: 'deny' });
    await waitForText(demo, '#status', 'error');
    await demo.locator('#connect-button[data-state="error"]').waitFor();
    await shoot(demo, 'demo-button-error-denied.png');
  } finally {
    await context.close();
  }
}

async function waitForTextContains(page, selector, text) {
  await page.waitForFunction(([sel, expected]) => document.querySelector(sel)?.textContent?.includes(expected),
    [selector, text]);
}

await mkdir(OUT_DIR, { recursive: true });
const browser = await launchBrowser();
try {
  await connectPage(browser);
  await finishPage(browser);
  await demoConnected(browser);
  await demoDenied(browser);
} finally {
  await browser.close();
}
console.log(`screenshots in ${OUT_DIR}:\n  ${written.join('\n  ')}`);
