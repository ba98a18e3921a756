import { RequestValidationError } from '../problems/httpErrors.js';

const quotedVersion = /^"([1-9]\d{0,15})"$/;

/**
 * The stream version an `If-Match` header asks for: `"3"` -> 3; no header -> `undefined`
 * (an unconditional write). Anything else (a weak tag, `*`, a list, no quotes) is a 400 problem
 * naming the header, rather than a silently unconditional write.
 */
export const parseIfMatch = (header: string | readonly string[] | undefined): number | undefined => {
  if (header === undefined) return undefined;
  const value = typeof header === 'string' ? header.trim() : undefined;
  const match = value === undefined ? null : quotedVersion.exec(value);
  const version = match?.[1] === undefined ? Number.NaN : Number(match[1]);
  if (!Number.isSafeInteger(version)) {
    throw new RequestValidationError(
      [{ in: 'headers', path: 'if-match', message: 'must be one quoted stream version, e.g. "3"' }],
      'headers',
    );
  }
  return version;
};
