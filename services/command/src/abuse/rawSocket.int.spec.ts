import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, validOrder } from '../fixtures/testApp.js';
import { sendRaw } from './rawHttp.js';

let t: TestApp;
let port = 0;
beforeAll(async () => {
  t = await createTestApp({ label: 'abuseraw' });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(() => t.close());

const order = JSON.stringify(validOrder);
const post = (headers: string, body = order) =>
  `POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${headers}\r\n${body}`;

/** Malformed HTTP a fetch client cannot send: only a raw socket gets these bytes to the parser. */
const malformed: [string, string | Buffer][] = [
  ['NUL in a header value', post(`Content-Length: ${order.length}\r\nX-Bad: a\x00b\r\n`)],
  ['control bytes in a header name', post(`Content-Length: ${order.length}\r\nX\x01Bad: 1\r\n`)],
  ['absurd content-length', post('Content-Length: 99999999999999999999999\r\n')],
  ['negative content-length', post('Content-Length: -5\r\n')],
  ['two different content-lengths', post(`Content-Length: ${order.length}\r\nContent-Length: 3\r\n`)],
  [
    'content-length and chunked (smuggling)',
    post(`Content-Length: 4\r\nTransfer-Encoding: chunked\r\n`, '0\r\n\r\n'),
  ],
  ['bad chunk size', post('Transfer-Encoding: chunked\r\n', 'zz\r\n{}\r\n0\r\n\r\n')],
  ['content-length past the body limit', post('Content-Length: 104857600\r\n', '{')],
  ['a 64 KiB header', post(`Content-Length: ${order.length}\r\nX-Huge: ${'h'.repeat(65_536)}\r\n`)],
  ['10,000 headers', post(`Content-Length: ${order.length}\r\n${'X-A: 1\r\n'.repeat(10_000)}`)],
  ['invalid method', 'P\x7fST /orders HTTP/1.1\r\nHost: x\r\n\r\n'],
  ['HTTP/9.9', 'GET /health/live HTTP/9.9\r\nHost: x\r\n\r\n'],
  ['no version', 'GET /health/live\r\n\r\n'],
  ['traversal in the request target', 'GET /../../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n'],
  ['absolute-form target', 'GET http://evil.example/orders HTTP/1.1\r\nHost: x\r\n\r\n'],
  [
    'raw unicode in the path',
    Buffer.from('POST /orders/\u2025\u2025/cancel HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}'),
  ],
  ['random bytes', Buffer.from(Array.from({ length: 2_000 }, (_, i) => (i * 7919) % 256))],
  ['a bare newline protocol', 'POST /orders HTTP/1.1\nHost: x\nContent-Length: 2\n\n{}'],
];

describe('malformed HTTP on a real socket', () => {
  it.each(malformed)('%s: no 5xx, nothing written, the server keeps serving', async (_name, bytes) => {
    const before = await t.eventCount();
    const answer = await sendRaw(port, bytes);
    // Refused (4xx), or the connection dropped/left waiting for bytes that never come: never 5xx.
    if (answer.status !== undefined) expect(answer.status).toBeLessThan(500);
    expect(await t.eventCount()).toBe(before);
    const live = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(live.status).toBe(200);
  });

  it('counts: every case above reached the parser and got an answer or a closed socket', async () => {
    let answered = 0;
    for (const [, bytes] of malformed) {
      const answer = await sendRaw(port, bytes);
      if (answer.status !== undefined || answer.closed) answered += 1;
    }
    console.info(`command raw-socket abuse: ${malformed.length} requests, ${answered} answered or closed`);
    expect(answered).toBeGreaterThanOrEqual(malformed.length - 2);
    const created = await fetch(`http://127.0.0.1:${port}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: order,
    });
    expect(created.status).toBe(201);
  });
});
