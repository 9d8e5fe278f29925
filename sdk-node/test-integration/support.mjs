// Talks to the Java harness (sdk-java) that runs a real broker-api, the Mastodon sandbox and the workers.
export const env = {
  url: process.env.AUTHPIPE_URL,
  apiKey: process.env.AUTHPIPE_API_KEY,
  tenantId: process.env.AUTHPIPE_TENANT_ID,
  otherApiKey: process.env.AUTHPIPE_OTHER_API_KEY,
  otherTenantId: process.env.AUTHPIPE_OTHER_TENANT_ID,
  controlUrl: process.env.AUTHPIPE_CONTROL_URL,
  tokenTtlSeconds: Number(process.env.AUTHPIPE_TOKEN_TTL_SECONDS ?? '0'),
};

/** Integration tests run only under the harness. */
export const skip = env.controlUrl ? false : 'AUTHPIPE_CONTROL_URL is not set (run by the sdk-java harness)';

export async function control(method, path, body) {
  const response = await fetch(env.controlUrl + path, {
    method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control ${method} ${path} answered ${response.status}`);
  return response.json();
}

let users = 0;
/** Connects a fresh sandbox account through the real OAuth flow. */
export function connect(tenant = 'main') {
  return control('POST', '/connect', { tenant, userId: `node_${process.pid}_${Date.now()}_${++users}` });
}

export async function requestCount() {
  return (await control('GET', '/requests')).getCredential;
}

export async function accepted(token) {
  return (await control('POST', '/accepts', { token })).accepted;
}

/** Polls `condition` until it holds: waiting on a fact, never on a fixed sleep. */
export async function eventually(condition, timeoutMs = 15_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Reads `/v1/events` raw with `apiKey` into `text` until `stop()`, reconnecting with the last id seen after a cut or
 * a restart: for scanning what the stream carries.
 */
export function rawStream(apiKey) {
  const abort = new AbortController();
  const tap = { text: '', stop: () => abort.abort() };
  const lastId = () => [...tap.text.matchAll(/^id: ?(.*)$/gm)].at(-1)?.[1];
  tap.done = (async () => {
    while (!abort.signal.aborted) {
      try {
        const headers = { authorization: `Bearer ${apiKey}`, ...(lastId() ? { 'last-event-id': lastId() } : {}) };
        const response = await fetch(`${env.url}/v1/events`, { headers, signal: abort.signal });
        const decoder = new TextDecoder();
        for await (const chunk of response.body) tap.text += decoder.decode(chunk, { stream: true });
      } catch {
        // cut or restarted: the loop reconnects
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return tap;
}

export function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
