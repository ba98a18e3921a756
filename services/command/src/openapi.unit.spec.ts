import type { DrizzleEventStore } from '@causeway/event-store';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommandApp } from './app.js';

// Serving the document touches no dependency: a store that is never called will do.
// biome-ignore lint/suspicious/noExplicitAny: a JSON document walked by path in assertions.
type Json = Record<string, any>;
let document: Json;
let close: () => Promise<void>;
beforeAll(async () => {
  const app = await buildCommandApp({ store: {} as DrizzleEventStore, options: { logger: false } });
  close = () => app.close();
  const response = await app.inject('/docs/json');
  expect(response.statusCode).toBe(200);
  document = response.json();
});
afterAll(() => close());

const resolve = (schema: Json): Json =>
  schema.$ref ? document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;

const routes = [
  { path: '/orders', success: '201', params: [], problems: ['400', '409', '413', '415', '422', '429'] },
  {
    path: '/orders/{orderId}/items',
    success: '200',
    params: ['orderId'],
    problems: ['400', '404', '409', '412', '413', '415', '422', '429'],
  },
  {
    path: '/orders/{orderId}/cancel',
    success: '200',
    params: ['orderId'],
    problems: ['400', '404', '409', '412', '413', '415', '422', '429'],
  },
];

describe('OpenAPI document', () => {
  it('is valid OpenAPI 3', async () => {
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toMatch(/^3\./);
  });

  it.each(routes)('describes POST $path with its request, responses and problems', (route) => {
    const operation = document.paths[route.path]?.post;
    expect(operation).toBeDefined();
    const body = resolve(operation.requestBody.content['application/json'].schema);
    expect(body).toMatchObject({ type: 'object', additionalProperties: false });
    expect(Object.keys(body.properties).length).toBeGreaterThan(0);

    const success = resolve(operation.responses[route.success].content['application/json'].schema);
    expect(success.required).toEqual(['orderId', 'version', 'position']);
    for (const status of route.problems) {
      expect(operation.responses[status].content['application/problem+json'].schema).toEqual({
        $ref: '#/components/schemas/Problem',
      });
    }
    const parameters: { in: string; name: string; required?: boolean }[] = operation.parameters ?? [];
    expect(parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(route.params);
    const headers = parameters.filter((p) => p.in === 'header').map((p) => p.name);
    expect(headers).toContain('idempotency-key');
    if (route.params.length > 0) expect(headers).toContain('if-match');
  });

  it('describes the create body with the contract bounds', () => {
    const body = resolve(document.paths['/orders'].post.requestBody.content['application/json'].schema);
    expect(body.required).toEqual(['customerId', 'items']);
    expect(body.properties.items).toMatchObject({ type: 'array', minItems: 1, maxItems: 100 });
    expect(body.properties.total).toBeUndefined();
  });

  it('lists the operational routes too', () => {
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/health/live', '/health/ready', '/metrics']),
    );
  });
});
