// No page, URL, message or DOM the browser ever sees carries the access token: a full popup flow is recorded (see
// capture.mjs), then the credential Authpipe hands the backend is looked for in every record.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { captureContext, recordsContaining } from './capture.mjs';
import {
  ALICE,
  clickConnectForPopup,
  demoResult,
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

describe('no access token in the browser', { skip: skipReason }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('every URL, HTML, postMessage and BroadcastChannel message of a whole flow is free of the access token',
    { timeout: TEST_TIMEOUT_MS }, async () => {
      const context = await browser.newContext();
      try {
        const { records, settle } = await captureContext(context);
        const userId = uniqueUserId('scan');
        const demo = await openDemo(context, { userId });
        const popup = await clickConnectForPopup(demo);
        await runConnectFlow(popup, { user: ALICE, decision: 'authorize' });
        await waitForText(demo, '#status', 'connected');
        assert.equal((await demoResult(demo)).userId, userId);
        await settle();

        const credential = await getCredential(userId);
        assert.equal(credential.status, 200, JSON.stringify(credential.body));
        const accessToken = credential.body.credential;
        assert.ok(typeof accessToken === 'string' && accessToken.length >= 8, 'the API hands out a real token');

        // The recording saw the flow: the connect page's URL, pages' HTML, and the finish page's message.
        const apiOrigin = new URL(stack.apiUrl).origin;
        assert.ok(records.some((r) => r.kind === 'url' && r.url.startsWith(apiOrigin) && r.url.includes('#')),
          'recorded the connect page URL with its fragment');
        assert.ok(records.some((r) => r.kind === 'html' && r.url.startsWith(apiOrigin)), 'recorded Authpipe HTML');
        assert.ok(records.some((r) => r.kind === 'html' && r.value.includes('"acct"')), 'recorded the demo result');
        assert.ok(records.some((r) => (r.kind === 'postMessage' || r.kind === 'broadcast')
          && r.value.includes('authpipe:connect')), 'recorded the finish page message');

        assert.deepEqual(recordsContaining(records, accessToken), [], 'the access token showed in the browser');
      } finally {
        await context.close();
      }
    });
});
