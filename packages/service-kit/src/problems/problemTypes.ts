/** Stable problem type URIs (RFC 9457 `type`). Clients branch on these, never on `title` or `detail`. */
export const problemBaseUri = 'https://causeway.dev/problems/';

const slugs = {
  validation: 'validation',
  malformedBody: 'malformed-body',
  unknownMessageType: 'unknown-message-type',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not-found',
  concurrencyConflict: 'concurrency-conflict',
  ruleViolation: 'rule-violation',
  preconditionFailed: 'precondition-failed',
  payloadTooLarge: 'payload-too-large',
  unsupportedMediaType: 'unsupported-media-type',
  unprocessable: 'unprocessable',
  idempotencyKeyReused: 'idempotency-key-reused',
  rateLimited: 'rate-limited',
  serviceUnavailable: 'service-unavailable',
  internal: 'internal',
} as const;

export type ProblemTypeName = keyof typeof slugs;

export const problemTypes = Object.fromEntries(
  Object.entries(slugs).map(([name, slug]) => [name, `${problemBaseUri}${slug}`]),
) as { readonly [K in ProblemTypeName]: `${typeof problemBaseUri}${(typeof slugs)[K]}` };

/** `about:blank` (RFC 9457 §4.2.1): the status code says it all, the title is its reason phrase. */
export const aboutBlank = 'about:blank';
