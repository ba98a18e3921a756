import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RequestValidationError } from '../problems/httpErrors.js';
import { paramsWithId } from './paramsWithId.js';
import { parseIfMatch } from './parseIfMatch.js';
import { setEtag } from './setEtag.js';

describe('parseIfMatch', () => {
  it('reads one quoted version; no header means an unconditional write', () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch(' "12" ')).toBe(12);
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  it.each(['3', 'W/"3"', '*', '"3", "4"', '"0"', '"-1"', '"1.5"', '"abc"', '""', '"99999999999999999"'])(
    'rejects %s with a 400 naming the header',
    (header) => {
      expect(() => parseIfMatch(header)).toThrow(RequestValidationError);
      try {
        parseIfMatch(header);
      } catch (error) {
        expect((error as RequestValidationError).status).toBe(400);
        expect((error as RequestValidationError).issues).toEqual([
          { in: 'headers', path: 'if-match', message: expect.any(String) },
        ]);
      }
    },
  );

  it('rejects a repeated header', () => {
    expect(() => parseIfMatch(['"1"', '"2"'])).toThrow(RequestValidationError);
  });
});

describe('setEtag', () => {
  it('sets the quoted version and returns the reply', () => {
    const headers: Record<string, string> = {};
    const reply = {
      header(name: string, value: string) {
        headers[name] = value;
        return this;
      },
    };
    expect(setEtag(reply, 7)).toBe(reply);
    expect(headers).toEqual({ etag: '"7"' });
  });
});

describe('paramsWithId', () => {
  it('accepts a UUID by default and names the param when it is not one', () => {
    const schema = paramsWithId('orderId');
    expect(schema.parse({ orderId: '01970000-0000-7000-8000-000000000001' })).toEqual({
      orderId: '01970000-0000-7000-8000-000000000001',
    });
    const result = schema.safeParse({ orderId: '../../etc/passwd' });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['orderId']]);
  });

  it('takes another id schema', () => {
    const schema = paramsWithId('sku', z.string().regex(/^SKU-\d+$/));
    expect(schema.parse({ sku: 'SKU-1' }).sku).toBe('SKU-1');
    expect(schema.safeParse({ sku: 'x' }).success).toBe(false);
  });
});
