import fc from 'fast-check';

/** Ids that try to leave their path segment: traversal, encodings of it, unicode look-alikes. */
export const hostileId = fc.oneof(
  fc.constantFrom(
    '..',
    '../',
    '../../etc/passwd',
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e%2f',
    '%252e%252e%252f',
    '..\\..\\windows',
    '%00',
    '%c0%ae%c0%ae/',
    '\u2025/',
    '\uff0e\uff0e\uff0f',
    '\u202eredro',
    'orders/../../metrics',
    `${'a'.repeat(90)}`,
    '%',
    '%zz',
    '?x=1',
    '#frag',
  ),
  fc.string({ maxLength: 60, unit: 'binary' }).map(encodeURIComponent),
  fc.uuid(),
);

const deepNesting = fc
  .nat({ max: 5_000 })
  .chain((depth) =>
    fc.constantFrom(
      `${'['.repeat(depth)}${']'.repeat(depth)}`,
      `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
      `{"customerId":"c","items":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    ),
  );

/** Bodies as raw text: broken JSON, huge strings, deep nesting, prototype keys, random bytes. */
export const hostileBody = fc.oneof(
  fc.json({ maxDepth: 4 }).map((text) => text.slice(0, Math.max(1, Math.floor(text.length / 2)))),
  fc.json({ maxDepth: 4 }),
  deepNesting,
  fc.nat({ max: 200_000 }).map((n) => JSON.stringify({ customerId: 'x'.repeat(n), items: [] })),
  fc
    .nat({ max: 5_000 })
    .map((n) =>
      JSON.stringify({ customerId: 'c', items: [{ sku: '😀'.repeat(n), quantity: 1, unitPrice: 1 }] }),
    ),
  fc.constantFrom(
    '',
    'null',
    '{"__proto__":{"admin":true},"customerId":"c","items":[{"sku":"S","quantity":1,"unitPrice":1}]}',
    '{"constructor":{"prototype":{"x":1}}}',
    '{"customerId":"c","customerId":"d","items":[]}',
    '\uFEFF{"reason":"bom"}',
    '{"reason":"\\ud800"}',
    '1e999999',
    '[',
    '{"a":1,}',
  ),
  fc.string({ maxLength: 300, unit: 'binary' }),
);

const printable = fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,60}$/);

export const hostileContentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/JSON',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/octet-stream',
  'json',
  '*/*',
  ';;;',
);

/** Header abuse inject can carry (printable bytes; raw invalid bytes go through a real socket). */
export const hostileHeaders = fc.record(
  {
    'if-match': fc.oneof(
      printable,
      fc.constantFrom(
        '"0"',
        '"1"',
        'W/"1"',
        '*',
        '"-1"',
        '"1e3"',
        '"99999999999999999999"',
        '""',
        '"1", "2"',
      ),
      fc.constant<string[]>(['"1"', '"2"']),
    ),
    'idempotency-key': fc.oneof(
      printable,
      fc.nat({ max: 20_000 }).map((n) => 'k'.repeat(n)),
      fc.constant<string[]>(['a', 'b']),
    ),
    'x-correlation-id': fc.oneof(
      printable,
      fc.nat({ max: 20_000 }).map((n) => 'c'.repeat(n)),
      fc.constant('../../'),
    ),
    'x-huge': fc.nat({ max: 64_000 }).map((n) => 'h'.repeat(n)),
  },
  { requiredKeys: [] },
);

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';
export const anyMethod = fc.constantFrom<Method>('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS');
