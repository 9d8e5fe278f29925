// A service that follows connections: reads authpipe.credential-updated and authpipe.revocations with stock clients
// (kafkajs, @kafkajs/confluent-schema-registry) and prints one JSON line per record. The topics never carry a token:
// fetch the credential with getCredential when a connection's version changes.
import { Kafka, logLevel } from 'kafkajs';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { brokers, json, registryUrl } from './settings.js';

const topics = ['authpipe.credential-updated', 'authpipe.revocations'];
const registry = new SchemaRegistry({ host: registryUrl });
const kafka = new Kafka({ clientId: 'example-consumer', brokers, logLevel: logLevel.WARN });
// read_committed (kafkajs' default): Authpipe writes under exactly-once, aborted records are never seen.
const consumer = kafka.consumer({ groupId: process.env.GROUP_ID ?? 'example-connection-follower' });

await consumer.connect();
await consumer.subscribe({ topics, fromBeginning: true });
await consumer.run({
  eachMessage: async ({ topic, partition, message }) => {
    const key = message.key?.toString() ?? null;
    const receivedAt = Date.now();
    const lagMs = receivedAt - Number(message.timestamp); // since Authpipe wrote it
    if (message.value === null) {
      // A tombstone: the connection was deleted; forget everything you kept about this key.
      console.log(json({ topic, partition, key, tombstone: true, receivedAt, lagMs }));
      return;
    }
    const value = await registry.decode(message.value);
    console.log(json({ topic, partition, key, receivedAt, lagMs, value }));
  },
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void consumer.disconnect().finally(() => process.exit(0)));
}
