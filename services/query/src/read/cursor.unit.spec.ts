import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('cursor', () => {
  it('round-trips the sort key', () => {
    const cursor = { createdAt: new Date('2030-01-02T03:04:05.678Z'), orderId: '0197-abc_DEF' };
    const token = encodeCursor(cursor);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(token)).toEqual(cursor);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['an object', Buffer.from('{"t":1,"id":"x"}').toString('base64url')],
    ['three parts', Buffer.from('[1,"x",2]').toString('base64url')],
    ['a fractional time', Buffer.from('[1.5,"x"]').toString('base64url')],
    ['a time out of range', Buffer.from('[9e15,"x"]').toString('base64url')],
    ['a time before year 1', Buffer.from('[-62135596800001,"x"]').toString('base64url')],
    ['a time after year 9999', Buffer.from('[253402300800000,"x"]').toString('base64url')],
    ['a bad id', Buffer.from('[1,"../etc"]').toString('base64url')],
    ['too long', 'A'.repeat(401)],
  ])('refuses %s', (_name, token) => {
    expect(decodeCursor(token)).toBeUndefined();
  });
});
