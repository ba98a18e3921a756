import { createHmac, type KeyObject, sign } from 'node:crypto';

const base64url = (value: object | Buffer) =>
  (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

export type TestTokenKey = { secret: string } | { privateKey: KeyObject; kid: string };

/**
 * A signed JWT for tests: HS256 with `secret`, or RS256 with an RSA `privateKey` and its `kid`.
 * Claims default to `exp` one hour ahead; pass `exp` in the past for an expired token.
 */
export const signTestToken = (key: TestTokenKey, claims: Record<string, unknown>): string => {
  const header = 'secret' in key ? { alg: 'HS256', typ: 'JWT' } : { alg: 'RS256', typ: 'JWT', kid: key.kid };
  const payload = {
    iat: Math.floor(Date.now() / 1000),
    exp: Math.floor(Date.now() / 1000) + 3600,
    ...claims,
  };
  const input = `${base64url(header)}.${base64url(payload)}`;
  const signature =
    'secret' in key
      ? createHmac('sha256', key.secret).update(input).digest()
      : sign('sha256', Buffer.from(input), key.privateKey);
  return `${input}.${base64url(signature)}`;
};
