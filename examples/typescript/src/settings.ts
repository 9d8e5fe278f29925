// Where the embedded default (./authpipe) is; its .authpipe/dev.json names every value.
export const brokers = (process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092').split(',');
export const registryUrl = process.env.SCHEMA_REGISTRY_URL ?? 'http://localhost:8081/apis/ccompat/v7';

/** JSON.stringify that prints Avro longs decoded as bigint, and Buffers, readably. */
export function json(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
