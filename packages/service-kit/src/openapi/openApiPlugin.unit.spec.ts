import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { sampleApp } from '../app/sampleApp.fixture.js';

describe('OpenAPI', () => {
  it('serves /docs/json as a valid OpenAPI 3 document describing the zod routes', async () => {
    const { app } = await sampleApp();
    const response = await app.inject('/docs/json');
    expect(response.statusCode).toBe(200);
    const document = response.json();

    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);

    expect(document.openapi).toMatch(/^3\./);
    const createOrder = document.paths['/orders'].post;
    // Named zod schemas (`.meta({ id })`) become components; request bodies use their input form.
    expect(createOrder.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CreateOrderInput',
    });
    expect(document.components.schemas.CreateOrderInput).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['customerId', 'items'],
    });
    expect(createOrder.responses['201'].content['application/json'].schema.properties).toHaveProperty(
      'orderId',
    );
    expect(createOrder.responses['409'].content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/Problem',
    });
    expect(document.paths['/orders/{orderId}/cancel'].post.parameters).toEqual([
      expect.objectContaining({ in: 'path', name: 'orderId', required: true }),
    ]);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/health/live', '/health/ready', '/metrics']),
    );
    expect(Object.keys(document.paths).some((path) => path.startsWith('/docs'))).toBe(false);
    await app.close();
  });

  it('serves the UI at /docs', async () => {
    const { app } = await sampleApp();
    const response = await app.inject('/docs/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    await app.close();
  });
});
