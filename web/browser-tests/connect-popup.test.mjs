// The popup flow in a real browser: the demo tenant page opens Authpipe's connect page in a popup, the user signs in
// to the Mastodon sandbox and decides, and the result reaches the demo page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ALICE,
  clickConnectForPopup,
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

describe('popup mode', { skip: skipReason }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('connect, sign in, authorize: onSuccess in the opener, and the backend can read the credential',
    { timeout: TEST_TIMEOUT_MS }, async () => {
      const context = await browser.newContext();
      try {
        const userId = uniqueUserId('popup');
        const demo = await openDemo(context, { userId });

        const clicked = performance.now();
        const popup = await clickConnectForPopup(demo);
        await runConnectFlow(popup, { user: ALICE, decision: 'authorize' });
        const decided = performance.now();

        await waitForText(demo, '#status', 'connected');
        const succeeded = performance.now();
        // The closing note's figure: click to onSuccess, and the part after the user's decision at the sandbox.
        console.log(`# timing: click to onSuccess ${Math.round(succeeded - clicked)} ms `
          + `(sign-in and consent included), consent to onSuccess ${Math.round(succeeded - decided)} ms`);
        const result = await demoResult(demo);
        assert.equal(result.provider, 'mastodon');
        assert.equal(result.userId, userId);
        assert.match(result.connectionId, /\S/);
        assert.match(result.account.acct, /^alice(@|$)/);
        assert.deepEqual(await demoEvents(demo), ['open', 'success']);
        assert.equal(await demo.locator('#error').textContent(), '');

        const credential = await getCredential(userId);
        assert.equal(credential.status, 200, JSON.stringify(credential.body));
        assert.equal(typeof credential.body.credential, 'string');
      } finally {
        await context.close();
      }
    });

  test('the user denies: onError access_denied', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await browser.newContext();
    try {
      const userId = uniqueUserId('deny');
      const demo = await openDemo(context, { userId });

      const popup = await clickConnectForPopup(demo);
      await runConnectFlow(popup, { user: DENY_USER, decision: 'deny' });

      await waitForText(demo, '#status', 'error');
      assert.equal(await demo.locator('#error').textContent(), 'access_denied');
      assert.deepEqual(await demoEvents(demo), ['open', 'error']);
      assert.equal((await getCredential(userId)).status, 404);
    } finally {
      await context.close();
    }
  });

  test('the user closes the popup: onClose, and the button can be used again', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await browser.newContext();
    try {
      const demo = await openDemo(context, { userId: uniqueUserId('close') });

      const popup = await clickConnectForPopup(demo);
      await popup.locator('#connect').waitFor({ state: 'visible' });
      await popup.close();

      await waitForText(demo, '#status', 'closed');
      assert.deepEqual(await demoEvents(demo), ['open', 'close']);
      await demo.locator('#connect-button:enabled').waitFor();
    } finally {
      await context.close();
    }
  });
});
