// Records everything a browser context shows or carries, for the no-token-leak test: every page's URL (with its
// fragment), its HTML (as served, and as the DOM changes), every postMessage a page receives, every BroadcastChannel
// message a page sends, every request URL and body, and every document/fetch/XHR response body.

/** Runs at the start of every document of the context, before its own scripts. */
function recordInPage() {
  const record = (kind, value) => {
    try {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      window.__authpipeRecord(kind, location.href, text);
    } catch {
      // the page is going away
    }
  };
  record('url', location.href);
  window.addEventListener('hashchange', () => record('url', location.href));
  for (const name of ['pushState', 'replaceState']) {
    const original = history[name];
    history[name] = function (...args) {
      const result = original.apply(this, args);
      record('url', location.href);
      return result;
    };
  }
  window.addEventListener('message', (event) => record('postMessage', { origin: event.origin, data: event.data }), true);
  if (window.BroadcastChannel) {
    const originalPost = window.BroadcastChannel.prototype.postMessage;
    window.BroadcastChannel.prototype.postMessage = function (data) {
      record('broadcast', { name: this.name, data });
      return originalPost.call(this, data);
    };
  }
  // Snapshots on every DOM change, at once: the parser runs a microtask checkpoint before each script, so a page
  // that posts its message and closes at once (the finish page) is still recorded as parsed up to that script.
  const snapshot = () => record('html', document.documentElement ? document.documentElement.outerHTML : '');
  new MutationObserver(snapshot).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  document.addEventListener('DOMContentLoaded', snapshot);
  window.addEventListener('load', snapshot);
  window.addEventListener('pagehide', snapshot);
}

/**
 * Starts recording in `context` (before its first page). Returns `{ records, settle }`: `records` is the list of
 * `{kind, url, value}`; `settle()` waits for the response bodies still being read.
 */
export async function captureContext(context) {
  const records = [];
  const reading = [];
  await context.exposeBinding('__authpipeRecord', (_source, kind, url, value) => {
    records.push({ kind, url, value: String(value) });
  });
  await context.addInitScript(recordInPage);
  context.on('request', (request) => {
    records.push({ kind: 'request', url: request.url(), value: request.url() + '\n' + (request.postData() ?? '') });
  });
  context.on('response', (response) => {
    const type = response.request().resourceType();
    if (type === 'document' || type === 'fetch' || type === 'xhr') {
      reading.push(response.text().then(
        (body) => records.push({ kind: 'response', url: response.url(), value: body }),
        () => undefined, // a redirect, or a page closed first: no body
      ));
    }
  });
  return { records, settle: () => Promise.allSettled(reading) };
}

/** The records whose value contains `secret`, described without the secret. */
export function recordsContaining(records, secret) {
  return records
    .filter((record) => record.value.includes(secret) || record.url.includes(secret))
    .map((record) => `${record.kind} at ${record.url.split(secret).join('<TOKEN>')}`);
}
