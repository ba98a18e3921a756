import { uuidv7 } from '@causeway/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { created, orderEvent } from '../fixtures/events.js';
import { createTestQuery, type TestQuery } from '../fixtures/testQuery.js';

let q: TestQuery;
let orderId: string;
beforeAll(async () => {
  q = await createTestQuery({ label: 'badinput' });
  orderId = uuidv7();
  await q.append(orderEvent(orderId, created()));
  await q.project();
});
afterAll(() => q.close());

const expectProblem = async (url: string, where: string, path: string) => {
  const response = await q.app.inject({ method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
  expect(response.headers['content-type']).toContain('application/problem+json');
  const body = response.json();
  expect(body.type).toBe('https://causeway.dev/problems/validation');
  expect(body.errors).toContainEqual({ in: where, path, message: expect.any(String) });
};

describe('bad input is a 400 problem naming the field, never a 500', () => {
  it.each([
    ['not-a-uuid'],
    ['..%2F..%2Fetc%2Fpasswd'],
    ['01970000-0000-7000-8000-00000000000g'],
    ['%00'],
    ['x'.repeat(90)],
  ])('malformed order id %#', async (id) => {
    await expectProblem(`/orders/${id}`, 'params', 'orderId');
    await expectProblem(`/orders/${id}/history`, 'params', 'orderId');
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=-1', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1e1', 'limit'],
    ['limit=2.5', 'limit'],
    ['limit=99999999999999999999', 'limit'],
    ['limit=1&limit=2', 'limit'],
    ['status=SHIPPED', 'status'],
    ['status=pending', 'status'],
    ['customerId=', 'customerId'],
    [`customerId=${'c'.repeat(65)}`, 'customerId'],
    ['customerId=a&customerId=b', 'customerId'],
    ['cursor=garbage!', 'cursor'],
    [`cursor=${Buffer.from('[1,"../x"]').toString('base64url')}`, 'cursor'],
    ['cursor=', 'cursor'],
    [`cursor=${Buffer.from('[-62135596800001,"x"]').toString('base64url')}`, 'cursor'],
    ['minPosition=abc', 'minPosition'],
    ['minPosition=1-2', 'minPosition'],
    ['minPosition=', 'minPosition'],
    [`minPosition=${'9'.repeat(20)}-${'0'.repeat(20)}`, 'minPosition'],
    ['sort=desc', 'sort'],
    ['__proto__=x', '__proto__'],
  ])('GET /orders?%s', async (query, path) => {
    await expectProblem(`/orders?${query}`, 'querystring', path);
  });

  it.each([
    ['minPosition=abc', 'minPosition'],
    ['expand=payments', 'expand'],
  ])('GET /orders/:orderId?%s', async (query, path) => {
    await expectProblem(`/orders/${orderId}?${query}`, 'querystring', path);
  });

  it.each([
    ['fromVersion=0', 'fromVersion'],
    ['fromVersion=x', 'fromVersion'],
    ['limit=1001', 'limit'],
    ['minPosition=00-00', 'minPosition'],
    ['toVersion=3', 'toVersion'],
  ])('GET /orders/:orderId/history?%s', async (query, path) => {
    await expectProblem(`/orders/${orderId}/history?${query}`, 'querystring', path);
  });

  it('names every bad field at once', async () => {
    const response = await q.app.inject({ method: 'GET', url: '/orders?limit=0&status=NOPE&extra=1' });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['extra', 'limit', 'status']);
  });

  it('an id past the router’s parameter length is a 414, not a 500', async () => {
    const response = await q.app.inject({ method: 'GET', url: `/orders/${'x'.repeat(2_000)}` });
    expect(response.statusCode).toBe(414);
  });

  it('a malformed URL is a 400, not a 500', async () => {
    const response = await q.app.inject({ method: 'GET', url: '/orders/%E0%A4%A' });
    expect(response.statusCode).toBe(400);
  });

  it('writes are not routes here: 404', async () => {
    const response = await q.app.inject({ method: 'POST', url: '/orders', payload: {} });
    expect(response.statusCode).toBe(404);
  });
});
