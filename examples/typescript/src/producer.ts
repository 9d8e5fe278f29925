// A backend that asks for a connect link over Kafka, with stock clients (kafkajs,
// @kafkajs/confluent-schema-registry): it signs a ConnectRequest with its producer signing key
// (POST /v1/producer-keys), produces it on authpipe.connect-requests, waits for the ConnectReply with its requestId
// on authpipe.connect-replies and prints the link to hand its user: the reply's authorizeUrl followed by the secret
// whose SHA-256 the request carried as stateChallenge (the topics never see the secret).
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { brokers, json, registryUrl } from './settings.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
}

const tenantId = process.env.TENANT_ID ?? 'dev';
const userId = process.env.USER_ID ?? 'user-1';
const instance = required('INSTANCE');
const returnTo = required('RETURN_TO');
const keyId = required('PRODUCER_KEY_ID');
const signingKey = Buffer.from(required('PRODUCER_KEY'), 'base64url');
const requestsTopic = 'authpipe.connect-requests';
const repliesTopic = 'authpipe.connect-replies';

/** Netstrings (`<byte length>:<bytes>,`) in the order the README's "signed requests" gives. */
function netstring(value: string | Buffer): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return Buffer.concat([Buffer.from(`${bytes.length}:`, 'ascii'), bytes, Buffer.from(',', 'ascii')]);
}

const secret = randomBytes(32).toString('base64url');
const request = {
  requestId: randomUUID(),
  connection: { tenantId, provider: 'mastodon', userId },
  instance,
  scopes: ['read'],
  returnTo,
  forceLogin: false,
  stateChallenge: createHash('sha256').update(secret).digest('base64url'),
  keyId,
  signedAt: Date.now(),
  signature: null as string | null,
};
const canonical = Buffer.concat([
  netstring('authpipe.connect-request.v1'), netstring(request.requestId), netstring(tenantId),
  netstring('mastodon'), netstring(userId), netstring(instance),
  netstring(Buffer.concat(request.scopes.map((scope) => netstring(scope)))), netstring(returnTo),
  netstring(String(request.forceLogin)), netstring(request.stateChallenge), netstring(keyId),
  netstring(String(request.signedAt)),
]);
request.signature = createHmac('sha256', signingKey).update(canonical).digest('base64url');

const registry = new SchemaRegistry({ host: registryUrl });
const kafka = new Kafka({ clientId: 'example-producer', brokers, logLevel: logLevel.WARN });
const consumer = kafka.consumer({ groupId: `example-producer-${request.requestId}` });
// The Java client's partitioner (murmur2 of the key), as Authpipe's own producers use: a connection's records share a
// partition whichever client wrote them.
const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });

await consumer.connect();
await consumer.subscribe({ topic: repliesTopic, fromBeginning: false });
const replied = new Promise<Record<string, unknown>>((resolve) => {
  void consumer.run({
    eachMessage: async ({ message }) => {
      if (message.value === null) return;
      const reply = await registry.decode(message.value);
      if (reply.requestId === request.requestId) resolve(reply);
    },
  });
});
// Subscribed before producing (the reply could otherwise come before we listen): wait for the group to settle.
await new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));

const schemaId = await registry.getLatestSchemaId(`${requestsTopic}-value`);
await producer.connect();
const key = `${tenantId}:mastodon:${encodeURIComponent(userId)}`;
await producer.send({ topic: requestsTopic, messages: [{ key, value: await registry.encode(schemaId, request) }] });

const reply = await replied;
if (reply.errorCode) {
  console.log(json({ requestId: request.requestId, errorCode: reply.errorCode, errorMessage: reply.errorMessage }));
} else {
  console.log(json({ requestId: request.requestId, link: `${String(reply.authorizeUrl)}${secret}` }));
}
await Promise.all([producer.disconnect(), consumer.disconnect()]);
