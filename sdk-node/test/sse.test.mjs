import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SseParser } from '../dist/internal/sse.js';

function parse(chunks, lastEventId = '') {
  const seen = { events: [], retries: [], comments: [] };
  const parser = new SseParser({
    event: (e) => seen.events.push(e),
    retry: (ms) => seen.retries.push(ms),
    comment: (text) => seen.comments.push(text),
  }, lastEventId);
  for (const chunk of chunks) parser.push(chunk);
  return seen;
}

const STREAM = Buffer.from(
  '\uFEFFevent: ready\r\nid: c0\r\ndata: {"resumed":false}\r\n\r\n'
  + ': heartbeat\n'
  + 'event: credential.updated\rid: c1\rdata: line one\rdata:line two\r\r'
  + 'retry: 2500\nretry: soon\n'
  + 'data\n\n'
  + 'id: c2\nevent: ignored-without-data\n\n'
  + 'data: ünïcødé ✓ 🔑\n\n'
  + 'id: bad\0id\ndata: x\n\n'
  + 'data: unterminated',
  'utf8');

const EXPECTED = [
  { type: 'ready', data: '{"resumed":false}', id: 'c0' },
  { type: 'credential.updated', data: 'line one\nline two', id: 'c1' },
  { type: 'message', data: '', id: 'c1' },
  { type: 'message', data: 'ünïcødé ✓ 🔑', id: 'c2' },
  { type: 'message', data: 'x', id: 'c2' },
];

test('a whole stream parses into its events, retries and comments', () => {
  const seen = parse([STREAM]);
  assert.deepEqual(seen.events, EXPECTED);
  assert.deepEqual(seen.retries, [2500]);
  assert.deepEqual(seen.comments, ['heartbeat']);
});

test('the same stream split at any one byte parses the same', () => {
  for (let i = 0; i <= STREAM.length; i++) {
    assert.deepEqual(parse([STREAM.subarray(0, i), STREAM.subarray(i)]).events, EXPECTED, `split at ${i}`);
  }
});

test('the same stream split at any two bytes parses the same', () => {
  for (let i = 0; i <= STREAM.length; i += 1) {
    for (let j = i; j <= STREAM.length; j += 3) {
      const chunks = [STREAM.subarray(0, i), STREAM.subarray(i, j), STREAM.subarray(j)];
      assert.deepEqual(parse(chunks).events, EXPECTED, `split at ${i} and ${j}`);
    }
  }
});

test('the same stream fed one byte at a time parses the same', () => {
  const chunks = [...STREAM].map((byte) => Uint8Array.of(byte));
  assert.deepEqual(parse(chunks).events, EXPECTED);
});

test('a CR ending one chunk and an LF starting the next make one line break', () => {
  const seen = parse([Buffer.from('data: a\r'), Buffer.from('\ndata: b\r'), Buffer.from('\n\r'), Buffer.from('\n')]);
  assert.deepEqual(seen.events, [{ type: 'message', data: 'a\nb', id: '' }]);
});

test('the last event id given at construction carries into events without an id', () => {
  assert.equal(parse([Buffer.from('data: a\n\n')], 'c9').events[0].id, 'c9');
});
