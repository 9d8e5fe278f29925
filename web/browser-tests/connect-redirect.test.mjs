// Redirect mode in a real browser: when window.open is blocked, the demo tab itself goes to Authpipe's connect page
// and comes back to the demo page (the session's returnTo), which completes the connection.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ALICE,
  demoEvents,
  demoResult,
  DENY_USER,
  getCredential,
  launchBrowser,
  openDemo,
  runConnectFlow,
  skipReason,
  TEST_TIMEOUT_MS,
  uniqueUserId,
  waitForText,
} from './support.mjs';

describe('redirect mode', { skip: skipReason }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('a blocked popup falls back to a redirect that completes back on the demo page', { timeout: TEST_TIMEOUT_MS },
    async () => {
      const context = await browser.newContext();
      try {
        // A popup blocker: window.open answers null, as browsers do when they block it.
        await context.addInitScript(() => {
          window.open = () => null;
        });
        const userId = uniqueUserId('blocked');
        const demo = await openDemo(context, { userId });
        const demoOrigin = new URL(demo.url()).origin;

        await Promise.all([
          demo.waitForURL((url) => url.origin !== demoOrigin),
          demo.click('#connect-button'),
        ]);
        assert.match(demo.url(), /\/connect/);
        await runConnectFlow(demo, { user: ALICE, decision: 'authorize' });

        await demo.waitForURL((url) => url.origin === demoOrigin);
        await waitForText(demo, '#status', 'connected');
        const result = await demoResult(demo);
        assert.equal(result.provider, 'mastodon');
        assert.equal(result.userId, userId);
        assert.match(result.account.acct, /^alice(@|$)/);
        assert.deepEqual(await demoEvents(demo), ['success']);
        assert.doesNotMatch(demo.url(), /authpipe_status/, 'the demo cleans the address bar');
        assert.equal((await getCredential(userId)).status, 200);
      } finally {
        await context.close();
      }
    });

  test('mode redirect (the toggle): the tab goes to Authpipe and comes back; a denial shows access_denied',
    { timeout: TEST_TIMEOUT_MS }, async () => {
      const context = await browser.newContext();
      try {
        const userId = uniqueUserId('redirect-deny');
        const demo = await openDemo(context, { userId, mode: 'redirect' });
        const demoOrigin = new URL(demo.url()).origin;

        await Promise.all([
          demo.waitForURL((url) => url.origin !== demoOrigin),
          demo.click('#connect-button'),
        ]);
        await runConnectFlow(demo, { user: DENY_USER, decision: 'deny' });

        await demo.waitForURL((url) => url.origin === demoOrigin);
        await waitForText(demo, '#status', 'error');
        assert.equal(await demo.locator('#error').textContent(), 'access_denied');
        assert.deepEqual(await demoEvents(demo), ['error']);
      } finally {
        await context.close();
      }
    });
});
