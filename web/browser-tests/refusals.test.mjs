// Refusals in a real browser.
//
// - Sessions Authpipe's connect page must refuse: expired, opened from a page the session does not allow, a made-up
//   token, and a session whose flow already completed. Each shows a clear error (#error, its code in data-error)
//   on Authpipe's page and goes nowhere near the provider.
// - Login CSRF (RFC 9700 §4.7): an attacker starts a flow for their own user id in their browser, keeps the
//   provider's authorize URL and gets a victim, signed in at the provider and already trusting the app, to open it.
//   The provider approves silently, but Authpipe's callback sees a browser that did not click on its connect page
//   (its authpipe_browser cookie is not the attacker's): a 403 page saying so, and nothing stored.
//
// To stay fast, the simple refusals share one tab (each test loads its page afresh), one connection of alice through
// the demo (the victim's) serves both the completed session and the login CSRF test, and the two groups run side by
// side in one Chromium (separate contexts and sessions). Bob is left alone: the deny tests, which may run beside
// these, need the sandbox to ask him for consent.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  connectLink,
  mintSession,
  randomNonce,
  readSession,
  sessionOfLink,
  uniqueId,
  waitForPageError,
  waitForSessionStatus,
} from './sessions.mjs';
import {
  ALICE,
  clickConnectForPopup,
  getCredential,
  launchBrowser,
  openDemo,
  runConnectFlow,
  skipReason,
  stack,
  TEST_TIMEOUT_MS,
  uniqueUserId,
  waitForText,
} from './support.mjs';

/** Loads `url` as a new document (a URL differing only in its fragment would not reload the connect page). */
async function load(page, url) {
  await page.goto('about:blank');
  await page.goto(url);
}

/** The page refused the session for good: the error, no form, no Connect button, and no token in the address bar. */
function assertFinalRefusal(shown, code, text) {
  assert.equal(shown.error, code);
  assert.match(shown.errorText, text);
  assert.equal(shown.title, 'Not connected');
  assert.equal(shown.formVisible, false, 'the form is hidden');
  assert.equal(shown.connectVisible, false, 'no Connect button');
  assert.equal(new URL(shown.url).origin, new URL(stack.apiUrl).origin);
  assert.doesNotMatch(shown.url, /#|token/, 'the token left the address bar');
}

// The two groups run side by side; the tests within each group run in order (they share a tab).
describe('refusals', { skip: skipReason, concurrency: true }, () => {
  let browser;
  let expiring;
  before(async () => {
    // Minted first, so that it expires while the browser starts.
    [expiring, browser] = await Promise.all([mintSession({ expiresInSeconds: 1 }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
  });

  describe('refused sessions: a clear page on Authpipe', { concurrency: false }, () => {
    let context;
    let tab;
    before(async () => {
      context = await browser.newContext();
      tab = await context.newPage();
    });
    after(async () => {
      await context?.close();
    });

    test('an expired session: session_expired, the form hidden', { timeout: TEST_TIMEOUT_MS }, async () => {
      await waitForSessionStatus(expiring, 'expired');
      await load(tab, expiring.connectUrl);
      assertFinalRefusal(await waitForPageError(tab, 'session_expired'), 'session_expired', /expired/);
    });

    test('a made-up token: unknown_session', { timeout: TEST_TIMEOUT_MS }, async () => {
      await load(tab, `${stack.apiUrl}/connect#token=cs_AAAAAAAAAAAAAAAAAAAAAA.nope`);
      const shown = await waitForPageError(tab, 'unknown_session');
      assertFinalRefusal(shown, 'unknown_session', /not valid/);
      assert.equal(shown.lead, '');
    });

    test('opened from a page the session does not allow: origin_not_allowed on the click, and no provider',
      { timeout: TEST_TIMEOUT_MS }, async () => {
        const session = await mintSession();
        const sandboxOrigin = new URL(stack.sandboxUrl).origin;
        const toSandbox = [];
        const onRequest = (request) => {
          if (new URL(request.url()).origin === sandboxOrigin) {
            toSandbox.push(request.url());
          }
        };
        context.on('request', onRequest);
        try {
          await load(tab, `${session.connectUrl}&origin=${encodeURIComponent('https://evil.example')}`
            + `&nonce=${randomNonce()}&mode=popup`);
          await tab.locator('#connect:enabled').waitFor();
          const instance = tab.locator('#instance');
          if (await instance.isVisible() && (await instance.inputValue()) === '') {
            await instance.fill(stack.instance);
          }
          await tab.click('#connect');

          const shown = await waitForPageError(tab, 'origin_not_allowed');
          assertFinalRefusal(shown, 'origin_not_allowed', /did not allow/);
          assert.equal(new URL(tab.url()).origin, new URL(stack.apiUrl).origin, 'still on Authpipe');
          assert.deepEqual(toSandbox, [], 'nothing was asked of the provider');
          const cookies = await context.cookies(stack.apiUrl + '/v1/oauth/callback');
          assert.deepEqual(cookies.map((c) => c.name), [], 'no browser-binding cookie for a refused start');
          assert.equal((await readSession(session)).body.status, 'pending');
        } finally {
          context.off('request', onRequest);
        }
      });
  });

  describe('after the victim connected alice through the demo', { concurrency: false }, () => {
    let victim;
    let victimTab;
    let demoSession;
    let victimUserId;
    before(async () => {
      // The victim connects alice through the demo: signed in at the sandbox, which from now on approves the app
      // without asking (same app, user and scopes). The demo backend's session is kept, to be opened again.
      // (Not bob: the deny tests, running beside these, need bob to be asked for consent.)
      victim = await browser.newContext();
      victimUserId = uniqueUserId('victim');
      const minted = victim.waitForEvent('response', (r) => r.url().endsWith('/api/connect-session'));
      victimTab = await openDemo(victim, { userId: victimUserId });
      demoSession = await (await minted).json();
      const popup = await clickConnectForPopup(victimTab);
      await runConnectFlow(popup, { user: ALICE, decision: 'authorize' });
      await waitForText(victimTab, '#status', 'connected');
    });
    after(async () => {
      await victim?.close();
    });

    test('the completed session, opened again: session_completed', { timeout: TEST_TIMEOUT_MS }, async () => {
      const state = await readSession(demoSession);
      assert.equal(state.body.status, 'connected', JSON.stringify(state.body));
      await load(victimTab, demoSession.connectUrl);
      assertFinalRefusal(await waitForPageError(victimTab, 'session_completed'), 'session_completed',
        /already completed/);
    });

    test('login CSRF: an authorize URL started in another browser, approved silently by the sandbox, gets a 403 '
      + 'browser_mismatch page and stores nothing', { timeout: TEST_TIMEOUT_MS }, async () => {
      const attacker = await browser.newContext();
      try {
        // The attacker's own link, opened and clicked in the attacker's browser; the provider URL the page goes to
        // is kept, not followed.
        const attackerUserId = uniqueId('attacker');
        const link = await connectLink({ userId: attackerUserId });
        const attackerTab = await attacker.newPage();
        const sandboxOrigin = new URL(stack.sandboxUrl).origin;
        let captured;
        const authorizeUrlSeen = new Promise((resolve) => {
          captured = resolve;
        });
        await attackerTab.route((url) => url.origin === sandboxOrigin && url.pathname === '/oauth/authorize',
          (route) => {
            captured(route.request().url());
            return route.abort();
          });
        await attackerTab.goto(link.authorizeUrl);
        await attackerTab.click('#connect');
        const authorizeUrl = await authorizeUrlSeen;
        const authorize = new URL(authorizeUrl);
        assert.ok(authorize.searchParams.get('state'), 'the authorize URL carries the state');
        assert.ok(authorize.searchParams.get('redirect_uri')?.startsWith(stack.apiUrl + '/v1/oauth/callback'),
          authorize.searchParams.get('redirect_uri'));

        // The victim opens it. The victim's browser has a binding cookie of its own (from its own click), not the
        // attacker's. The sandbox approves at once and sends the code to Authpipe's callback, which refuses.
        const victimCookies = await victim.cookies(stack.apiUrl + '/v1/oauth/callback');
        assert.ok(victimCookies.some((c) => c.name === 'authpipe_browser'),
          JSON.stringify(victimCookies.map((c) => c.name)));
        const response = await victimTab.goto(authorizeUrl);
        assert.ok(victimTab.url().startsWith(stack.apiUrl + '/v1/oauth/callback'),
          `the sandbox approved without asking and sent the victim to the callback: ${victimTab.url()}`);
        assert.equal(response.status(), 403);
        const outcome = victimTab.locator('#outcome');
        await outcome.waitFor({ state: 'visible' });
        assert.match(await outcome.textContent(), /started in another browser/);
        assert.equal(await outcome.getAttribute('data-status'), 'error');
        assert.equal(await outcome.getAttribute('data-error'), 'browser_mismatch');

        // Nothing stored for the attacker's user; the attacker's session did not complete.
        const credential = await getCredential(attackerUserId);
        assert.equal(credential.status, 404, JSON.stringify(credential.body));
        const session = await readSession(sessionOfLink(link.authorizeUrl));
        assert.equal(session.body.status, 'pending', JSON.stringify(session.body));
      } finally {
        await attacker.close();
      }
    });
  });
});
