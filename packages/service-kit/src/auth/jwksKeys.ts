import { createPublicKey, type JsonWebKey } from 'node:crypto';

export interface JwksKeysOptions {
  fetch?: typeof fetch;
  /** Keys are fetched again after this long; default 10 minutes. */
  maxAgeMs?: number;
  /** An unknown `kid` refetches at most this often (a key rotation); default 30 s. */
  minRefetchMs?: number;
  /** Bound on one fetch; default 5 s. */
  timeoutMs?: number;
}

/**
 * The public keys published at a JWKS URL, as PEM by `kid`, cached. Node's crypto reads JWKs
 * (RSA, EC, OKP) natively, so no JWKS client library is needed. Throws for an unknown `kid`.
 */
export const jwksKeys = (url: string, options: JwksKeysOptions = {}) => {
  const { maxAgeMs = 600_000, minRefetchMs = 30_000, timeoutMs = 5_000 } = options;
  const doFetch = options.fetch ?? fetch;
  let keys = new Map<string, string>();
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<void> | undefined;

  const refresh = async () => {
    const response = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`JWKS fetch failed with HTTP ${response.status}`);
    const body = (await response.json()) as { keys?: (JsonWebKey & { kid?: string; use?: string })[] };
    const next = new Map<string, string>();
    for (const jwk of body.keys ?? []) {
      if (typeof jwk.kid !== 'string' || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
      const pem = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
      next.set(jwk.kid, pem.toString());
    }
    keys = next;
    fetchedAt = Date.now();
  };
  const refreshOnce = () => {
    pending ??= refresh().finally(() => {
      pending = undefined;
    });
    return pending;
  };

  return async (kid: string | undefined): Promise<string> => {
    if (kid === undefined) throw new Error('the token has no kid');
    const age = Date.now() - fetchedAt;
    if (age > maxAgeMs || (!keys.has(kid) && age > minRefetchMs)) await refreshOnce();
    const key = keys.get(kid);
    if (key === undefined) throw new Error('the token’s kid is not among the published keys');
    return key;
  };
};
