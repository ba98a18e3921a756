import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestQuery, type TestQuery } from '../fixtures/testQuery.js';

let q: TestQuery;
beforeAll(async () => {
  q = await createTestQuery({ label: 'openapi' });
});
afterAll(() => q.close());

describe('GET /docs/json', () => {
  it('is a valid OpenAPI 3 document describing every route with its parameters and responses', async () => {
    const response = await q.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);

    const paths = document.paths as Record<
      string,
      Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>
    >;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['/orders/{orderId}', '/orders', '/orders/{orderId}/history', '/projections']),
    );
    const parameters = (path: string) =>
      (paths[path]?.get?.parameters ?? []).map((p) => `${p.in}:${p.name}`).sort();
    expect(parameters('/orders')).toEqual([
      'query:cursor',
      'query:customerId',
      'query:limit',
      'query:minPosition',
      'query:status',
    ]);
    expect(parameters('/orders/{orderId}')).toEqual(['path:orderId', 'query:minPosition']);
    expect(parameters('/orders/{orderId}/history')).toEqual([
      'path:orderId',
      'query:fromVersion',
      'query:limit',
      'query:minPosition',
    ]);
    expect(Object.keys(paths['/orders/{orderId}']?.get?.responses ?? {}).sort()).toEqual([
      '200',
      '400',
      '401',
      '404',
      '429',
      '503',
    ]);
    expect(Object.keys(document.components?.schemas ?? {})).toEqual(
      expect.arrayContaining([
        'Order',
        'OrderSummary',
        'OrderPage',
        'Payment',
        'OrderHistory',
        'Projections',
        'Problem',
      ]),
    );
  });
});
